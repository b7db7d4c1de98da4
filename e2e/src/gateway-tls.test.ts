// Issue 12, finding 4 and the API server's authentication, against the real API server: the
// webhook port offers TLS 1.3 and TLS 1.2 with ECDHE + AEAD suites only (ECDHE-ECDSA-AES128-SHA
// was accepted), and with ORK_WEBHOOK_CLIENT_CA it lets only the API server in. The API server
// presents its client certificate because the run's control plane starts with an admission-control
// configuration (--admission-control-config-file): a WebhookAdmissionConfiguration whose
// kubeConfigFile gives the certificate for every webhook host (`*`), as docs/security.md shows.
// All e2e files share one control plane, started by whichever file runs first, so this file sets
// that up when it is loaded (run-tests imports every file before running any). Other gateways
// never ask for a client certificate, so the API server presenting one changes nothing for them.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { stringify } from 'yaml';
import { generateCa, generateClientCert, type PemKeyPair } from '@orkestra/adapters/tls';
import { configureControlPlane, controlPlane } from './harness/control-plane.ts';
import { kubectl, kubectlOk, type KubectlResult } from './harness/kubectl.ts';
import { freshNamespace } from './harness/namespace.ts';
import { gatewayReady, linesOf, startGateway, stopGatewayClean, type GatewayProcess } from './harness/gateway-process.ts';
import { installForGateway, tearDownGateway, type GatewayInstall } from './harness/install-for-gateway.ts';
import { waitFor } from './harness/wait.ts';
import { deniedBy } from './harness/admission-outcome.ts';

const KATALOG = 'e2e/fixtures/gateway-client-auth/katalog.yaml';
const WEBHOOK = 'labels.deletion-protection.orkestra.io';
const API_SERVER_NAME = 'kube-apiserver-webhook-client';

const test = suite('ork gate: modern TLS only, and only the API server\'s client certificate gets in');
let gateway: GatewayProcess | undefined;
let install: GatewayInstall | undefined;
let ws = '';
let port = 0;
const pkiDir = mkdtempSync(join(tmpdir(), 'ork-e2e-client-pki-'));
process.once('exit', () => rmSync(pkiDir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(pkiDir, name);
  writeFileSync(path, text, { mode: 0o600 });
  return path;
}

/** The API server's admission-control configuration: every webhook call presents `client`. */
function admissionConfig(client: PemKeyPair): string {
  const kubeconfig = file('webhook-client.kubeconfig', stringify({
    apiVersion: 'v1', kind: 'Config',
    users: [{ name: '*', user: { 'client-certificate-data': Buffer.from(client.certPem).toString('base64'), 'client-key-data': Buffer.from(client.keyPem).toString('base64') } }],
  }));
  const plugin = (name: string) => ({ name, configuration: { apiVersion: 'apiserver.config.k8s.io/v1', kind: 'WebhookAdmissionConfiguration', kubeConfigFile: kubeconfig } });
  return file('admission-control.yaml', stringify({
    apiVersion: 'apiserver.config.k8s.io/v1', kind: 'AdmissionConfiguration',
    plugins: [plugin('ValidatingAdmissionWebhook'), plugin('MutatingAdmissionWebhook')],
  }));
}

function deniedByUs(r: KubectlResult): boolean {
  return deniedBy(r, WEBHOOK) !== undefined;
}

/** A POST of a review straight to the webhook port as `client` (or none): the status, or the error. */
function call(client?: PemKeyPair): Promise<string> {
  const agent = new Agent({ keepAlive: false, rejectUnauthorized: false, ...(client ? { cert: client.certPem, key: client.keyPem } : {}) });
  const body = JSON.stringify({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', request: { uid: 'direct' } });
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/deletion-protection', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(String(res.statusCode)));
    });
    req.on('error', (err) => resolve(err.message));
    req.end(body);
  }).finally(() => agent.destroy()) as Promise<string>;
}

/** `openssl s_client` with these flags, as the API server's client certificate: exit code and output. */
function sClient(flags: readonly string[]): { ok: boolean; out: string } {
  const r = spawnSync('openssl', ['s_client', '-connect', `127.0.0.1:${port}`, '-servername', 'localhost', '-cert', join(pkiDir, 'apiserver.crt'), '-key', join(pkiDir, 'apiserver.key'), ...flags], {
    input: '', encoding: 'utf8', timeout: 20_000,
  });
  return { ok: r.status === 0, out: `${r.stdout}\n${r.stderr}` };
}

// Loaded before any file starts the shared control plane: the API server's client PKI and flag.
const nowMs = Date.now();
const clientCa = await generateCa({ commonName: 'apiserver-webhook-client-ca', validForMs: 3_600_000, nowMs });
const otherCa = await generateCa({ commonName: 'someone-else', validForMs: 3_600_000, nowMs });
const apiserver = await generateClientCert({ ca: clientCa, commonName: API_SERVER_NAME, validForMs: 3_600_000, nowMs });
const sameCaOther = await generateClientCert({ ca: clientCa, commonName: 'system:node:worker-1', validForMs: 3_600_000, nowMs });
file('client-ca.crt', clientCa.certPem);
file('apiserver.crt', apiserver.certPem);
file('apiserver.key', apiserver.keyPem);
const ADMISSION_FLAG = `--admission-control-config-file=${admissionConfig(apiserver)}`;
configureControlPlane({ apiserverArgs: [ADMISSION_FLAG] });

test.before(async () => {
  assert.is(process.env['ORK_E2E_KUBECONFIG'], undefined, 'this file configures the API server (--admission-control-config-file); it cannot run on ORK_E2E_KUBECONFIG');
  const cp = controlPlane();
  // A clear failure instead of a 30 s wait if the control plane came up without the flag.
  const args = readFileSync(join(cp.stateDir!, 'apiserver.args'), 'utf8').split('\n');
  assert.ok(args.includes(ADMISSION_FLAG), `the API server was started without ${ADMISSION_FLAG} (was it started before this file was loaded?)`);

  install = installForGateway(KATALOG, 'gw-tls');
  ws = freshNamespace('gw-tls-objs');
  kubectlOk(['create', 'configmap', 'guarded'], { namespace: ws });
  kubectlOk(['label', 'configmap', 'guarded', 'orkestra.io/deletion-protection=true'], { namespace: ws });
  gateway = startGateway(KATALOG, {
    KUBECONFIG: install.kubeconfig, ORK_NAMESPACE: install.namespace,
    ORK_WEBHOOK_CLIENT_CA: join(pkiDir, 'client-ca.crt'), ORK_WEBHOOK_CLIENT_NAMES: API_SERVER_NAME,
  });
  // Ready means the housekeeper's self-check got through with the gateway's own client certificate.
  await gatewayReady(gateway);
  port = Number(linesOf(gateway, 'webhook listening')[0]!['port']);
});

test.after(async () => {
  const g = gateway;
  gateway = undefined;
  await tearDownGateway(g);
});

test('the API server presents its certificate and its calls are decided: a protected delete is denied', async () => {
  await waitFor('the API server to call the gateway', () => (deniedByUs(kubectl(['delete', 'configmap', 'guarded', '--dry-run=server'], { namespace: ws })) ? true : undefined), 30_000, 200);
  assert.ok(deniedByUs(kubectl(['delete', 'configmap', 'guarded'], { namespace: ws })));
  assert.is(kubectl(['get', 'configmap', 'guarded', '-o', 'name'], { namespace: ws }).status, 0);
});

test('anyone else is refused: no certificate or another CA at the handshake, another name of the same CA with 403', async () => {
  const none = await call();
  assert.not.equal(none, '200', 'no client certificate');
  assert.match(none, /certificate|alert|socket hang up|ECONNRESET/i);
  const stranger = await call(await generateClientCert({ ca: otherCa, commonName: API_SERVER_NAME, validForMs: 3_600_000, nowMs: Date.now() }));
  assert.not.equal(stranger, '200', 'the right name from another CA');
  assert.is(await call(sameCaOther), '403');
  assert.is(await call(apiserver), '400', 'the API server\'s certificate reaches the route (the body is not a full review)');
});

// Finding 4: `openssl s_client -cipher ECDHE-ECDSA-AES128-SHA -tls1_2` was accepted.
test('TLS: CBC and SHA-1 suites and TLS 1.1 are refused; TLS 1.2 AEAD and TLS 1.3 are served', () => {
  for (const cipher of ['ECDHE-ECDSA-AES128-SHA', 'ECDHE-ECDSA-AES256-SHA', 'ECDHE-ECDSA-AES128-SHA256', 'ECDHE-ECDSA-AES256-SHA384']) {
    const r = sClient(['-tls1_2', '-cipher', cipher]);
    assert.not.ok(r.ok && /Cipher is (?!\(NONE\))/.test(r.out), `${cipher} was accepted:\n${r.out.slice(0, 600)}`);
    assert.match(r.out, /handshake failure|no shared cipher|alert/i, cipher);
  }
  const old = sClient(['-tls1_1', '-cipher', 'DEFAULT@SECLEVEL=0']);
  // openssl prints the attempted protocol even when no session was made: what counts is the cipher.
  assert.not.ok(/Cipher is (?!\(NONE\))/.test(old.out), `TLS 1.1 was accepted:\n${old.out.slice(0, 600)}`);
  assert.match(old.out, /protocol version|alert|no protocols available/i);
  const aead = sClient(['-tls1_2', '-cipher', 'ECDHE-ECDSA-AES128-GCM-SHA256']);
  assert.match(aead.out, /Cipher is ECDHE-ECDSA-AES128-GCM-SHA256/);
  const chacha = sClient(['-tls1_2', '-cipher', 'ECDHE-ECDSA-CHACHA20-POLY1305']);
  assert.match(chacha.out, /Cipher is ECDHE-ECDSA-CHACHA20-POLY1305/);
  const v13 = sClient(['-tls1_3']);
  assert.match(v13.out, /TLSv1\.3/);
});

test('the gateway stops cleanly and no request it made was denied by RBAC', async () => {
  const g = gateway!;
  gateway = undefined;
  await stopGatewayClean(g);
  assert.ok(linesOf(g, 'webhook request refused').some((l) => l['status'] === 403), 'the refused client is logged');
});

test.run();

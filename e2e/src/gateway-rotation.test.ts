// Certificate rotation under load (issue 5, proof 4): with certificates that live 3 minutes and
// rotate 2 minutes before they end, the gateway swaps CA and serving certificate about once a
// minute while kubectl keeps sending protected deletes through the API server. Every one must come
// back as our denial; a TLS or webhook-call failure on any of them fails the test. Issue 15: a
// stream of Website creates (dry-run on the server) goes through the rule webhooks meanwhile;
// each must come back mutated (the default filled) or refused with the rule's message.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { connect } from 'node:tls';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { controlPlane } from './harness/control-plane.ts';
import { kubectl, kubectlOk } from './harness/kubectl.ts';
import { freshNamespace } from './harness/namespace.ts';
import { gatewayReady, linesOf, reportSetupFailure, startGateway, stopGateway, stoppedLine, type GatewayProcess } from './harness/gateway-process.ts';
import { waitForValidatingWebhook } from './harness/admission-outcome.ts';
import { installForGateway, tearDownGateway } from './harness/install-for-gateway.ts';
import { scratchDir } from './harness/scratch.ts';
import { waitFor } from './harness/wait.ts';

const KATALOG = 'e2e/fixtures/gateway-rotation/katalog.yaml';
const LABEL = 'orkestra.io/deletion-protection';
const WEBHOOK = 'labels.deletion-protection.orkestra.io';
/** Rotations to see before the client stops; the first comes ~70 s after start (validFor − threshold + 10 s). */
const RELOADS = 2;
const CLIENTS = 2;
const VALIDATE = 'validate.orkestra.orkspace.io';

const test = suite('ork gate: certificate rotation while the API server keeps calling');
let gateway: GatewayProcess | undefined;
let ws = '';
let kubeconfig = '';
let webhookPort = 0;
let gwNamespace = '';
let goodCr = '';
let badCr = '';

/** The signing CA in the gateway's Secret `orkestra-gateway-tls`. */
function secretCa(namespace: string): X509Certificate {
  const b64 = kubectlOk(['get', 'secret', 'orkestra-gateway-tls', '-n', namespace, '-o', 'jsonpath={.data.ca\\.crt}']);
  return new X509Certificate(Buffer.from(b64, 'base64'));
}

/** kubectl without blocking the event loop: a synchronous spawn would stop us reading the gateway's stdout. */
function kubectlAsync(args: readonly string[]): Promise<{ status: number; stderr: string; stdout: string }> {
  const cp = controlPlane();
  const bin = cp.binDir ? join(cp.binDir, 'kubectl') : 'kubectl';
  return new Promise((resolve) => {
    execFile(bin, [...args], { env: { ...process.env, KUBECONFIG: cp.kubeconfig }, timeout: 60_000 }, (err, stdout, stderr) => {
      const status = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolve({ status, stdout, stderr });
    });
  });
}

/** The certificate the webhook port serves right now, as the API server sees it. */
function servedCertificate(): Promise<X509Certificate> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port: webhookPort, servername: 'localhost', rejectUnauthorized: false }, () => {
      const raw = socket.getPeerCertificate().raw;
      socket.end();
      resolve(new X509Certificate(raw));
    });
    socket.on('error', reject);
  });
}

test.before(async () => {
  try {
    const install = installForGateway(KATALOG, 'gw-rot');
    kubeconfig = install.kubeconfig;
    gwNamespace = install.namespace;
    ws = freshNamespace('gw-rot-objs');
    kubectlOk(['create', 'configmap', 'guarded'], { namespace: ws });
    kubectlOk(['label', 'configmap', 'guarded', `${LABEL}=true`], { namespace: ws });
    gateway = startGateway(KATALOG, { KUBECONFIG: kubeconfig, ORK_NAMESPACE: install.namespace, HOUSEKEEPER_SYNC_INTERVAL: '2s' });
    await gatewayReady(gateway, 120_000);
    webhookPort = Number(linesOf(gateway, 'webhook listening')[0]?.['port']);
    await waitFor('the API server to call the gateway', () => {
      const r = kubectl(['delete', 'configmap', 'guarded', '--dry-run=server'], { namespace: ws });
      return r.stderr.includes(`admission webhook "${WEBHOOK}" denied the request`) ? true : undefined;
    }, 30_000, 200);
    const dir = scratchDir('gw-rot-crs');
    const website = (name: string, spec: Record<string, unknown>): string => {
      const file = join(dir, `${name}.json`);
      writeFileSync(file, JSON.stringify({ apiVersion: 'rotation.orkestra.io/v1', kind: 'Website', metadata: { name, namespace: ws }, spec }));
      return file;
    };
    goodCr = website('good', { image: 'nginx' });
    badCr = website('bad', {});
    await waitForValidatingWebhook(badCr, VALIDATE, 30_000);
  } catch (err) {
    reportSetupFailure(gateway, err);
  }
});

test.after(async () => {
  const g = gateway;
  gateway = undefined;
  await tearDownGateway(g, () => kubectl(['delete', 'crd', '--wait=false', '--ignore-not-found', 'websites.rotation.orkestra.io']));
});

test('every protected delete is answered by our webhook across certificate rotations', async () => {
  const g = gateway!;
  const startedMs = Date.now();
  const firstCert = await servedCertificate();
  const firstCa = secretCa(gwNamespace);
  let answered = 0;
  const failures: string[] = [];
  let stopAtMs = startedMs + 200_000;
  const client = async (): Promise<void> => {
    while (Date.now() < stopAtMs) {
      const r = await kubectlAsync(['delete', 'configmap', 'guarded', '-n', ws, '--dry-run=server']);
      if (r.status !== 0 && r.stderr.includes(`admission webhook "${WEBHOOK}" denied the request: deleting ConfigMap "guarded"`)) answered++;
      else failures.push(`${new Date().toISOString()} exit ${r.status}: ${(r.stderr || r.stdout).trim().slice(0, 300)}`);
    }
  };
  const watcher = async (): Promise<void> => {
    // Stops the clients a few seconds after the RELOADS-th in-place swap of the serving certificate.
    while (Date.now() < stopAtMs) {
      if (linesOf(g, 'serving certificate reloaded').length >= RELOADS) stopAtMs = Math.min(stopAtMs, Date.now() + 5000);
      await new Promise((r) => setTimeout(r, 250));
    }
  };
  // Issue 15: Website creates through the mutating and validating rule webhooks, alternating a
  // good one (must come back with the default filled) and a bad one (must be refused by our rule).
  let ruled = 0;
  const creator = async (): Promise<void> => {
    for (let i = 0; Date.now() < stopAtMs; i++) {
      if (i % 2 === 0) {
        const r = await kubectlAsync(['create', '--dry-run=server', '-o', 'json', '-f', goodCr]);
        let replicas: unknown;
        try { replicas = (JSON.parse(r.stdout) as { spec?: { replicas?: unknown } }).spec?.replicas; } catch { replicas = undefined; }
        if (r.status === 0 && replicas === 2) ruled++;
        else failures.push(`${new Date().toISOString()} create good: exit ${r.status}, replicas ${String(replicas)}: ${r.stderr.trim().slice(0, 300)}`);
      } else {
        const r = await kubectlAsync(['create', '--dry-run=server', '-f', badCr]);
        if (r.status !== 0 && r.stderr.includes(`admission webhook "${VALIDATE}" denied the request: Website "bad" in namespace "${ws}" is refused by a validation rule of the Katalog: field spec.image: an image is required (got: nothing)`)) ruled++;
        else failures.push(`${new Date().toISOString()} create bad: exit ${r.status}: ${(r.stderr || r.stdout).trim().slice(0, 300)}`);
      }
    }
  };
  await Promise.all([watcher(), ...Array.from({ length: CLIENTS }, client), creator()]);
  const durationMs = Date.now() - startedMs;
  const lastCert = await servedCertificate();

  const reloads = linesOf(g, 'serving certificate reloaded');
  const updates = linesOf(g, 'certificates updated').map((l) => String(l['actions']));
  process.stderr.write(`  rotation: ${answered} protected deletes and ${ruled} Website creates answered, ${failures.length} failed, ${reloads.length} serving reloads in ${(durationMs / 1000).toFixed(1)} s\n`);
  process.stderr.write(`  certificates updated: ${JSON.stringify(updates)}\n`);
  assert.equal(failures.slice(0, 5), [], `${failures.length} requests were not answered by our webhook`);
  assert.ok(reloads.length >= RELOADS, `saw ${reloads.length} serving certificate reloads`);
  assert.ok(updates.some((a) => a.includes('generate-ca')) && updates.some((a) => a.includes('issue-serving')), `CA and serving rotations: ${JSON.stringify(updates)}`);
  assert.ok(answered >= 100, `only ${answered} requests`);
  assert.ok(ruled >= 20, `only ${ruled} Website creates`);
  // The API server really met a different certificate from a different CA by the end.
  assert.is.not(lastCert.fingerprint256, firstCert.fingerprint256);
  const lastCa = secretCa(gwNamespace);
  assert.ok(firstCert.verify(firstCa.publicKey), 'the first serving certificate was signed by the first CA');
  assert.is.not(lastCa.fingerprint256, firstCa.fingerprint256, 'the CA rotated');
  assert.ok(lastCert.verify(lastCa.publicKey) && !lastCert.verify(firstCa.publicKey), 'the served certificate is signed by the new CA only');
  assert.ok(Date.parse(lastCert.validTo) - Date.now() <= 3 * 60_000 + 1000, `served certificate lives at most validFor: ${lastCert.validTo}`);
  assert.is(linesOf(g, 'housekeeper self-check failed').length, 0, 'the self-check never failed');
  assert.is(linesOf(g, 'certificate pass failed').length, 0);
});

test('the gateway stops cleanly and no request it made was denied by RBAC', async () => {
  const g = gateway!;
  gateway = undefined;
  assert.is(await stopGateway(g), 0, g.stderr.join(''));
  const stopped = stoppedLine(g);
  assert.ok(stopped, `a "gateway stopped" line: ${g.stderr.join('')}`);
  process.stderr.write(`  gateway stopped: ${JSON.stringify(stopped)}\n`);
  assert.is(stopped!['forbidden'], 0);
  assert.is(stopped!['rejected'], 0);
  assert.ok(Number(stopped!['denied']) >= 100);
});

test.run();

// Issue 15 against a real API server that calls the gateway over TLS, the gateway running under a
// token of its bundle's ServiceAccount: a Website missing a required field is refused with the
// rule's message (the very line `ork admit` predicts), a warn rule lets one in and kubectl prints
// the warning, a default is filled and stored, the housekeeper restores a deleted mutating and
// validating configuration, the per-CRD metrics count it all, and no request was forbidden.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { REPO } from './harness/control-plane.ts';
import { kubectl, kubectlJson, kubectlOk } from './harness/kubectl.ts';
import { freshNamespace } from './harness/namespace.ts';
import { gatewayHttpBase, gatewayReady, linesOf, reportSetupFailure, startGateway, stopGateway, stoppedLine, type GatewayProcess } from './harness/gateway-process.ts';
import { waitForValidatingWebhook } from './harness/admission-outcome.ts';
import { installForGateway, tearDownGateway, type GatewayInstall } from './harness/install-for-gateway.ts';
import { scratchDir } from './harness/scratch.ts';
import { waitFor } from './harness/wait.ts';

const KATALOG = 'examples/admission/katalog.yaml';
const VALIDATE = 'validate.orkestra.orkspace.io';
const SYNC_MS = 2000;

const test = suite('ork gate: validation and mutation rules through the API server');
let gateway: GatewayProcess | undefined;
let install: GatewayInstall | undefined;
let ns = '';
let dir = '';

interface Website { metadata: { name: string; labels?: Record<string, string> }; spec: Record<string, unknown> }

/** A Website manifest written to a file, as a user would `kubectl create -f` it. */
function websiteFile(name: string, spec: Record<string, unknown>): string {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, `${JSON.stringify({ apiVersion: 'demo.orkestra.io/v1', kind: 'Website', metadata: { name, namespace: ns }, spec }, null, 2)}\n`);
  return file;
}

/** `ork admit` on the same files, run as a user would (exit code and stdout). */
function admit(file: string): { status: number | null; stdout: string } {
  const r = spawnSync(process.execPath, [join(REPO, 'apps/cli/bin/ork.js'), 'admit', '-f', KATALOG, '--cr', file], { cwd: REPO, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout };
}

test.before(async () => {
  try {
    install = installForGateway(KATALOG, 'gw-rules');
    ns = freshNamespace('gw-rules-objs');
    dir = scratchDir('gw-rules-crs');
    gateway = startGateway(KATALOG, { KUBECONFIG: install.kubeconfig, ORK_NAMESPACE: install.namespace, HOUSEKEEPER_SYNC_INTERVAL: `${SYNC_MS / 1000}s` });
    // Generous: on a loaded machine loading the gateway's modules alone has taken 27 s.
    await gatewayReady(gateway, 120_000);
    // The API server picks new configurations up from its informer: wait until it calls /validate.
    const probe = websiteFile('probe', { replicas: 1 });
    await waitForValidatingWebhook(probe, VALIDATE, 60_000);
  } catch (err) {
    reportSetupFailure(gateway, err);
  }
});

test.after(async () => {
  const g = gateway;
  gateway = undefined;
  await tearDownGateway(g, () => {
    if (install) for (const crd of install.crds) kubectl(['delete', 'crd', '--wait=false', '--ignore-not-found', crd]);
  });
});

test('a Website breaking three rules is refused with every message, exactly as `ork admit` predicts, and is not stored', () => {
  const file = websiteFile('shop', { replicas: 20, tier: 'db' });
  const r = kubectl(['create', '-f', file]);
  assert.is.not(r.status, 0, r.stdout);
  const expected = `Website "shop" in namespace "${ns}" is refused by 3 validation rules of the Katalog: field spec.image: an image is required (got: nothing); `
    + 'field spec.replicas: at most 10 replicas (got: 20); field spec.tier: tier must be web, api or batch (got: "db")';
  assert.is(r.stderr.trim(), `Error from server (Forbidden): error when creating "${file}": admission webhook "${VALIDATE}" denied the request: ${expected}`);
  const predicted = admit(file);
  assert.is(predicted.status, 1);
  assert.ok(predicted.stdout.includes(`  ${r.stderr.trim()}\n`), `ork admit printed the kubectl line:\n${predicted.stdout}`);
  assert.match(kubectl(['get', 'website', 'shop', '-n', ns]).stderr, /NotFound/);
});

test('a warn rule lets the Website in and kubectl prints the warning; the defaults are filled and stored', () => {
  const file = websiteFile('blog', { image: 'nginx:1.27', tier: 'batch' });
  const r = kubectl(['create', '-f', file]);
  assert.is(r.status, 0, r.stderr);
  assert.match(r.stderr, 'Warning: orkestra: field spec.tier: the batch tier moves to the Job CRD in v2 (got: "batch")');
  const stored = kubectlJson<Website>(['get', 'website', 'blog', '-n', ns]);
  assert.is(stored.spec['replicas'], 2, 'the default was stored');
  assert.is(stored.metadata.labels?.['team'], 'platform');
  assert.is(admit(file).status, 0);
});

test('an UPDATE goes through the rules too: breaking a rule is refused, a kept value is not defaulted again', () => {
  const r = kubectl(['patch', 'website', 'blog', '-n', ns, '--type', 'merge', '-p', '{"spec":{"replicas":11}}']);
  assert.is.not(r.status, 0);
  assert.match(r.stderr, 'field spec.replicas: at most 10 replicas (got: 11)');
  kubectlOk(['patch', 'website', 'blog', '-n', ns, '--type', 'merge', '-p', '{"spec":{"replicas":5},"metadata":{"labels":{"team":"web"}}}']);
  const stored = kubectlJson<Website>(['get', 'website', 'blog', '-n', ns]);
  assert.equal([stored.spec['replicas'], stored.metadata.labels?.['team']], [5, 'web']);
});

test('the housekeeper restores a deleted mutating and validating configuration, and the rules hold again', async () => {
  kubectlOk(['delete', 'mutatingwebhookconfiguration', 'orkestra-admission-mutation']);
  kubectlOk(['delete', 'validatingwebhookconfiguration', 'orkestra-admission-validation']);
  const started = Date.now();
  await waitFor('both configurations back', () => (kubectl(['get', 'mutatingwebhookconfiguration', 'orkestra-admission-mutation']).status === 0
    && kubectl(['get', 'validatingwebhookconfiguration', 'orkestra-admission-validation']).status === 0 ? true : undefined), 4 * SYNC_MS + 10_000, 100);
  process.stderr.write(`  configurations restored ${Date.now() - started} ms after deletion\n`);
  const file = websiteFile('again', { replicas: 30, image: 'nginx' });
  await waitFor('the API server to call the restored webhooks', () => {
    const r = kubectl(['create', '--dry-run=server', '-f', file]);
    return r.stderr.includes('field spec.replicas: at most 10 replicas (got: 30)') ? true : undefined;
  }, 30_000, 200);
  const defaulted = kubectlJson<Website>(['create', '--dry-run=server', '-o', 'json', '-f', websiteFile('again2', { image: 'nginx' })]);
  assert.is(defaulted.spec['replicas'], 2, 'the restored mutating webhook defaults again');
  const repaired = linesOf(gateway!, 'webhook configuration created').map((l) => l['name']);
  assert.ok(repaired.includes('orkestra-admission-mutation') && repaired.includes('orkestra-admission-validation'), JSON.stringify(repaired));
});

test('metrics count the rule decisions per CRD; /katalog shows them', async () => {
  const base = await gatewayHttpBase(gateway!);
  const metrics = await (await fetch(`${base}/metrics`)).text();
  const count = (webhook: string, decision: string) => Number(new RegExp(`orkestra_admission_rule_decisions_total\\{webhook="${webhook}",crd="website",decision="${decision}"\\} (\\d+)`).exec(metrics)?.[1] ?? -1);
  assert.ok(count('validate', 'denied') >= 3, metrics.split('\n').filter((l) => l.includes('rule_decisions')).join('\n'));
  assert.ok(count('validate', 'warned') >= 1);
  assert.ok(count('mutate', 'mutated') >= 2);
  const katalog = await (await fetch(`${base}/katalog`)).json() as { admissionEnabled: boolean; crds: { name: string; admission: Record<string, unknown> }[] };
  assert.is(katalog.admissionEnabled, true);
  const website = katalog.crds.find((c) => c.name === 'website')!;
  assert.is(website.admission['webhooksEnabled'], true);
  assert.ok(Number(website.admission['validationDenied']) >= 3);
});

test('the gateway stops cleanly and no request it made was forbidden', async () => {
  const g = gateway!;
  gateway = undefined;
  assert.is(await stopGateway(g), 0, g.stderr.join(''));
  const stopped = stoppedLine(g);
  process.stderr.write(`  gateway stopped: ${JSON.stringify(stopped)}\n`);
  assert.is(stopped!['forbidden'], 0);
  assert.is(stopped!['rejected'], 0);
  assert.ok(Number(stopped!['denied']) >= 3);
});

test.run();

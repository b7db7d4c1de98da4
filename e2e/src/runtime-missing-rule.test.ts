// A rule missing from the installed RBAC is a degraded state, not a crash loop: with `create` and
// `patch` on services dropped from the ClusterRole orkestra-runtime, `ork run` keeps running, logs
// the 403, marks the Website Ready=False with a Warning Event (status and Events are still
// allowed), and after FAILURE_THRESHOLD failures the CRD is degraded (a log line, /health 503).
// Restoring the rule brings it back to healthy (/health 200) without a restart. Without list/watch
// on a child kind the cache cannot fill: a fresh runtime reports the CRD degraded at once (not
// pending forever), names the resource, and recovers when the rule is back.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { OWNER_LABEL } from '@orkestra/lib/children';
import { kubectl, kubectlJson, kubectlOk } from './harness/kubectl.ts';
import { cleanupNamespaces } from './harness/namespace.ts';
import { waitFor } from './harness/wait.ts';
import { applyBundle, installForRuntime } from './harness/install-for-runtime.ts';
import { httpBase, said, startRuntime, stopRuntime, type RuntimeProcess } from './harness/runtime-process.ts';

const KATALOG = 'examples/starter/katalog.yaml';
const ROLE = 'orkestra-runtime';

interface Rule { apiGroups: string[]; resources: string[]; verbs: string[]; resourceNames?: string[] }
interface Condition { type: string; status: string; reason: string; message?: string }

const test = suite('ork run: a missing RBAC rule degrades the CRD and recovers when restored');
let runtime: RuntimeProcess | undefined;
let ns = '';
let bundle = '';
let token = '';
let install: ReturnType<typeof installForRuntime>;

function getJson<T>(args: string[]): T | undefined {
  const r = kubectl([...args, '-o', 'json'], { namespace: ns });
  return r.status === 0 ? (JSON.parse(r.stdout) as T) : undefined;
}


/** What the API server answers for the runtime's ServiceAccount: `yes` or `no`. */
function canI(verb: string, resource: string): string {
  return kubectl(['auth', 'can-i', verb, resource, '-n', ns], { token }).stdout.trim();
}

const readyOf = (name: string): Condition | undefined =>
  getJson<{ status?: { conditions?: Condition[] } }>(['get', 'website', name])?.status?.conditions?.find((c) => c.type === 'Applied');

interface Health { status: number; crds: { name: string; state: string }[] }

/** GET /health: its HTTP status and the per-CRD states it reports. */
async function health(r: RuntimeProcess): Promise<Health> {
  const res = await fetch(`${await httpBase(r)}/health`);
  const body = (await res.json()) as { crds?: { name: string; state: string }[] };
  return { status: res.status, crds: body.crds ?? [] };
}

/** Polls /health until it answers `status` with the website CRD in `state`. */
async function waitForHealth(r: RuntimeProcess, status: number, state: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: Health | undefined;
  for (;;) {
    last = await health(r);
    if (last.status === status && last.crds.some((c) => c.name === 'website' && c.state === state)) return;
    if (Date.now() > deadline) throw new Error(`/health never answered ${status} with website ${state}; last: ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const healthChangedTo = (r: RuntimeProcess, state: string) =>
  r.lines.some((l) => l['msg'] === 'health changed' && l['controller'] === 'website' && l['to'] === state);

test.before(() => {
  install = installForRuntime(KATALOG, 'missing-rule');
  ns = install.namespace;
  bundle = install.bundle;
  token = install.token;
  runtime = startRuntime(KATALOG, {
    KUBECONFIG: install.kubeconfig, ORK_NAMESPACE: ns,
    // Two failures in a row degrade the CRD; a 2 s resync retries the key however long its backoff.
    FAILURE_THRESHOLD: '2', DEFAULT_RESYNC: '2s',
    LEASE_DURATION: '4', RENEW_DEADLINE: '3', RETRY_PERIOD: '1',
  });
});

test.after(async () => {
  try {
    // The next e2e file must find the bundle's rules whole, whatever happened here.
    if (bundle) applyBundle(bundle);
    const r = runtime;
    runtime = undefined;
    if (r) await stopRuntime(r);
  } finally {
    cleanupNamespaces();
  }
});

test('without create/patch on services: Ready=False, a Warning Event, the 403 logged, degraded, still running', async () => {
  const r = runtime!;
  await waitFor('the runtime to lead with synced caches', () => (said(r, 'became leader') && said(r, 'caches synced') ? true : undefined), 30_000);
  const role = kubectlJson<{ rules: Rule[] }>(['get', 'clusterrole', ROLE]);
  const services = role.rules.find((rule) => rule.apiGroups.includes('') && rule.resources.includes('services'));
  assert.ok(services, 'the bundle grants services');
  // Keep get/list/watch: the child watch stays allowed and only the apply is forbidden.
  services!.verbs = services!.verbs.filter((v) => v !== 'create' && v !== 'patch');
  kubectlOk(['replace', '-f', '-'], { input: JSON.stringify(role) });
  await waitFor('the rule to be gone', () => (canI('patch', 'services') === 'no' ? true : undefined), 10_000);

  kubectlOk(['apply', '-f', '-'], {
    namespace: ns,
    input: JSON.stringify({ apiVersion: 'demo.orkestra.io/v1alpha1', kind: 'Website', metadata: { name: 'site' }, spec: { replicas: 1 } }),
  });
  const failed = await waitFor('Ready=False', () => (readyOf('site')?.status === 'False' ? readyOf('site') : undefined), 30_000);
  assert.is(failed.reason, 'ReconcileError');
  assert.match(failed.message ?? '', /forbidden/, `the message names the 403: ${failed.message}`);
  const warning = await waitFor('a ReconcileError Warning Event', () => getJson<{ items: { reason: string; type: string; note?: string; regarding: { name: string } }[] }>(['get', 'events.events.k8s.io'])
    ?.items.find((e) => e.reason === 'ReconcileError' && e.type === 'Warning' && e.regarding.name === 'site'), 10_000);
  assert.match(warning.note ?? '', /services/);
  // The log line follows the status write and the Event, so it may arrive a moment after them.
  const logged = await waitFor('the failed reconcile in the log', () => r.lines.find((l) => l['msg'] === 'reconcile failed' && l['name'] === 'site'), 10_000);
  assert.match(String(logged['err']), /forbidden 403/);
  await waitFor('the website CRD to be degraded', () => (healthChangedTo(r, 'degraded') ? true : undefined), 30_000);
  await waitForHealth(r, 503, 'degraded');
  // Several retries later it is still the same process: a degraded CRD, not a crash loop.
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  assert.is(r.child.exitCode, null, `the runtime exited; stderr: ${r.stderr.join('')}`);
  assert.ok(r.lines.filter((l) => l['msg'] === 'reconcile failed' && l['name'] === 'site').length >= 2, 'retried');
  assert.not.ok(r.lines.some((l) => l['msg'] === 'controller crashed'), 'a controller crashed');
  assert.is(r.lines.filter((l) => l['msg'] === 'runtime starting').length, 1);
});

test('restoring the rule: the Service is applied, Ready=True, the CRD healthy again', async () => {
  const r = runtime!;
  applyBundle(bundle);
  await waitFor('the rule to be back', () => (canI('patch', 'services') === 'yes' ? true : undefined), 10_000);
  await waitFor('Ready=True', () => (readyOf('site')?.status === 'True' ? true : undefined), 30_000);
  const svc = getJson<{ items: unknown[] }>(['get', 'services', '-l', `${OWNER_LABEL}=site`]);
  assert.is(svc?.items.length, 1, 'the Service exists');
  const degradedAt = r.lines.findIndex((l) => l['msg'] === 'health changed' && l['to'] === 'degraded');
  await waitFor('health degraded -> healthy', () =>
    (r.lines.some((l, i) => i > degradedAt && l['msg'] === 'health changed' && l['from'] === 'degraded' && l['to'] === 'healthy') ? true : undefined), 10_000);
  await waitForHealth(r, 200, 'healthy');
});

test('without list/watch on services: a fresh runtime is degraded at once, names the watch, and recovers', async () => {
  await stopRuntime(runtime!);
  const role = kubectlJson<{ rules: Rule[] }>(['get', 'clusterrole', ROLE]);
  const services = role.rules.find((rule) => rule.apiGroups.includes('') && rule.resources.includes('services'));
  services!.verbs = services!.verbs.filter((v) => v !== 'list' && v !== 'watch');
  kubectlOk(['replace', '-f', '-'], { input: JSON.stringify(role) });
  await waitFor('the rule to be gone', () => (canI('watch', 'services') === 'no' ? true : undefined), 10_000);
  const r = (runtime = startRuntime(KATALOG, {
    KUBECONFIG: install.kubeconfig, ORK_NAMESPACE: ns, FAILURE_THRESHOLD: '2', DEFAULT_RESYNC: '2s',
    LEASE_DURATION: '4', RENEW_DEADLINE: '3', RETRY_PERIOD: '1',
  }));
  await waitForHealth(r, 503, 'degraded');
  assert.not.ok(said(r, 'caches synced'), 'the services cache cannot have synced');
  const logged = r.lines.find((l) => l['msg'] === 'watch forbidden: check that the bundle for this Katalog is applied');
  assert.is(logged?.['resource'], 'services');
  const report = (await (await fetch(`${await httpBase(r)}/katalog/website/health`)).json()) as { state: string; lastError?: string };
  assert.is(report.state, 'degraded');
  assert.match(report.lastError ?? '', /list\/watch services forbidden/);

  applyBundle(bundle);
  await waitFor('the rule to be back', () => (canI('watch', 'services') === 'yes' ? true : undefined), 10_000);
  // The informer retries with backoff (0.8 s doubling), then the next reconcile makes it healthy.
  await waitForHealth(r, 200, 'healthy', 60_000);
  assert.ok(said(r, 'watch allowed again'));
  assert.ok(said(r, 'caches synced'));
});

test('the runtime deletes the Website and stops with exit 0', async () => {
  kubectlOk(['delete', 'website', 'site', '--timeout', '30s'], { namespace: ns });
  const r = runtime!;
  runtime = undefined;
  assert.is(await stopRuntime(r), 0, `exit code; stderr: ${r.stderr.join('')}`);
  const stopped = r.lines.find((l) => l['msg'] === 'runtime stopped');
  assert.ok(stopped, 'no "runtime stopped" line');
  // This process met the forbidden services list (at least once, until the rule was restored).
  assert.ok((stopped!['forbidden'] as number) >= 1, `forbidden: ${String(stopped!['forbidden'])}`);
});

test.run();

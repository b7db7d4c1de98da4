// Three CRDs with dependsOn, several child kinds and `when` conditions, run by `ork run` under the
// bundle's `orkestra` ServiceAccount against a real API server: App waits until Database is healthy
// and Cache started, each child kind appears, `when` decides which children exist, and not one
// request is forbidden. The test control plane runs no workload controllers: Jobs and
// StatefulSets are only stored, which is all a reconcile needs.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { OWNER_LABEL } from '@orkestra/lib/children';
import { FINALIZER } from '@orkestra/lib/runtime';
import { kubectl, kubectlOk } from './harness/kubectl.ts';
import { waitFor } from './harness/wait.ts';
import { installForRuntime } from './harness/install-for-runtime.ts';
import { startRuntime, stopRuntime, tearDownRuntime, type RuntimeProcess } from './harness/runtime-process.ts';

const KATALOG = 'conformance/cases/three-crds-depends-on/katalog.yaml';
const GROUP = 'platform.example.com';
const API_VERSION = `${GROUP}/v1alpha1`;

interface Obj {
  metadata: { name: string; uid: string; generation?: number; finalizers?: string[]; labels?: Record<string, string>; ownerReferences?: { kind: string; name: string; uid: string; controller?: boolean }[] };
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
  status?: { observedGeneration?: number; conditions?: { type: string; status: string; reason: string }[] };
}

const test = suite('ork run: three CRDs with dependsOn, child kinds and when conditions');
let runtime: RuntimeProcess | undefined;
let ns = '';

function getJson<T>(args: string[]): T | undefined {
  const r = kubectl([...args, '-o', 'json'], { namespace: ns });
  return r.status === 0 ? (JSON.parse(r.stdout) as T) : undefined;
}

/** The children of one kind labelled as owned by `owner` (every child carries the owner label). */
function childrenOf(kind: string, owner: string): Obj[] {
  return getJson<{ items: Obj[] }>(['get', kind, '-l', `${OWNER_LABEL}=${owner}`])?.items ?? [];
}

function create(kind: string, name: string, spec: Record<string, unknown>): void {
  kubectlOk(['apply', '-f', '-'], { namespace: ns, input: JSON.stringify({ apiVersion: API_VERSION, kind, metadata: { name }, spec }) });
}

/** The CR once Applied=True for its current generation (no kubelet here: Ready waits for pods that never run). */
function readyCr(resource: string, name: string): Obj | undefined {
  const cr = getJson<Obj>(['get', `${resource}.${GROUP}`, name]);
  const ready = cr?.status?.conditions?.find((c) => c.type === 'Applied');
  return ready?.status === 'True' && cr?.status?.observedGeneration === cr?.metadata.generation ? cr : undefined;
}

/** Index of the first log line matching, or -1: log order is the order things happened in. */
function lineIndex(r: RuntimeProcess, match: (l: Record<string, unknown>) => boolean): number {
  return r.lines.findIndex(match);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test.before(() => {
  const install = installForRuntime(KATALOG, 'three-crds');
  ns = install.namespace;
  runtime = startRuntime(KATALOG, {
    KUBECONFIG: install.kubeconfig, ORK_NAMESPACE: ns, DEFAULT_RESYNC: '2s', LOG_LEVEL: 'debug',
    // Leader election on, with timings short enough that a lost Lease cannot stall the test.
    LEASE_DURATION: '4', RENEW_DEADLINE: '3', RETRY_PERIOD: '1',
  });
});

test.after(async () => {
  const r = runtime;
  runtime = undefined;
  await tearDownRuntime(r);
});

test('app waits for database healthy; cache and database start at once', async () => {
  const r = runtime!;
  await waitFor('database and cache controllers to start', () =>
    (['database', 'cache'].every((c) => lineIndex(r, (l) => l['msg'] === 'controller started' && l['controller'] === c) >= 0) ? true : undefined), 30_000);
  await waitFor('app to wait for its dependencies', () =>
    (lineIndex(r, (l) => l['msg'] === 'health changed' && l['controller'] === 'app' && l['to'] === 'waiting-for-dependency') >= 0 ? true : undefined), 30_000);
  // An App created now stays untouched: no Database has reconciled, so database is only pending.
  create('App', 'storefront', { image: 'ghcr.io/example/storefront:3.1.0', tier: 'web', migrate: true });
  await sleep(6_000); // longer than the runtime's 5 s start poll
  assert.is(lineIndex(r, (l) => l['msg'] === 'controller started' && l['controller'] === 'app'), -1, 'app started before database was healthy');
  const waiting = getJson<Obj>(['get', `apps.${GROUP}`, 'storefront'])!;
  assert.not.ok(waiting.metadata.finalizers?.includes(FINALIZER), 'App touched before its dependencies were met');
  assert.is(waiting.status, undefined);

  create('Database', 'db', {});
  await waitFor('the Database to be Applied', () => readyCr('databases', 'db'), 30_000);
  await waitFor('the app controller to start', () =>
    (lineIndex(r, (l) => l['msg'] === 'controller started' && l['controller'] === 'app') >= 0 ? true : undefined), 30_000);
  const healthy = lineIndex(r, (l) => l['msg'] === 'health changed' && l['controller'] === 'database' && l['to'] === 'healthy');
  const cacheStarted = lineIndex(r, (l) => l['msg'] === 'controller started' && l['controller'] === 'cache');
  const appStarted = lineIndex(r, (l) => l['msg'] === 'controller started' && l['controller'] === 'app');
  assert.ok(healthy >= 0 && healthy < appStarted, `database healthy (line ${healthy}) before app started (line ${appStarted})`);
  assert.ok(cacheStarted < appStarted, `cache started (line ${cacheStarted}) before app (line ${appStarted})`);
});

test('the Database gets a Secret, a StatefulSet and a headless Service, owned by it', async () => {
  const db = readyCr('databases', 'db')!;
  for (const kind of ['secrets', 'statefulsets', 'services']) {
    const [child] = await waitFor(`the Database's ${kind}`, () => {
      const found = childrenOf(kind, 'db');
      return found.length === 1 ? found : undefined;
    }, 10_000);
    const owner = child!.metadata.ownerReferences?.find((o) => o.kind === 'Database');
    assert.is(owner?.uid, db.metadata.uid, `${kind}: owned by the Database`);
    assert.is(owner?.controller, true);
  }
  const svc = childrenOf('services', 'db')[0]!;
  assert.is((svc.spec as { clusterIP?: string }).clusterIP, 'None', 'headless');
  const secret = getJson<Obj>(['get', 'secret', childrenOf('secrets', 'db')[0]!.metadata.name])!;
  assert.ok(secret.data?.['password'], 'the templated password is there');
});

test('App tier=web, migrate=true: ConfigMap, Job, Cache, Deployment and Service; the child Cache is reconciled too', async () => {
  const app = await waitFor('the App to be Applied', () => readyCr('apps', 'storefront'), 30_000);
  assert.ok(app.metadata.finalizers?.includes(FINALIZER));
  const expected: Record<string, string> = {
    configmaps: 'storefront-config', jobs: 'storefront-job', [`caches.${GROUP}`]: 'storefront-cache',
    deployments: 'storefront-deployment', services: 'storefront-svc',
  };
  for (const [kind, name] of Object.entries(expected)) {
    const found = childrenOf(kind, 'storefront');
    assert.equal(found.map((c) => c.metadata.name), [name], `${kind} of storefront`);
    const owner = found[0]!.metadata.ownerReferences?.find((o) => o.kind === 'App');
    assert.is(owner?.uid, app.metadata.uid, `${kind}: owned by the App`);
  }
  assert.is(childrenOf('configmaps', 'storefront')[0]!.data?.['tier'], 'web');
  assert.is((childrenOf(`caches.${GROUP}`, 'storefront')[0]!.spec as { size?: string }).size, 'small');
  // The Cache the App created is a CR of the cache controller: it gets its own Deployment and Service.
  await waitFor('the child Cache to be Applied', () => readyCr('caches', 'storefront-cache'), 30_000);
  for (const kind of ['deployments', 'services']) {
    await waitFor(`the Cache's ${kind}`, () => (childrenOf(kind, 'storefront-cache').length === 1 ? true : undefined), 10_000);
  }
});

test('App tier=worker without migrate: no Job and no Service', async () => {
  create('App', 'mailer', { image: 'ghcr.io/example/mailer:1.0.0', tier: 'worker', plan: 'large' });
  await waitFor('the mailer App to be Applied', () => readyCr('apps', 'mailer'), 30_000);
  for (const kind of ['configmaps', `caches.${GROUP}`, 'deployments']) {
    assert.is(childrenOf(kind, 'mailer').length, 1, `${kind} of mailer`);
  }
  assert.is((childrenOf(`caches.${GROUP}`, 'mailer')[0]!.spec as { size?: string }).size, 'large');
  // Applied=True is written after every apply, so an absent child now is one that was never applied.
  assert.is(childrenOf('jobs', 'mailer').length, 0, 'a Job although spec.migrate is not true');
  assert.is(childrenOf('services', 'mailer').length, 0, 'a Service although tier is not web');
});

test('tier worker -> web adds the Service; web -> worker prunes it (its when turned false)', async () => {
  kubectlOk(['patch', `apps.${GROUP}`, 'mailer', '--type', 'merge', '-p', '{"spec":{"tier":"web"}}'], { namespace: ns });
  await waitFor('the mailer Service', () => (childrenOf('services', 'mailer').length === 1 ? true : undefined), 30_000);
  await waitFor('mailer Applied for the new generation', () => readyCr('apps', 'mailer'), 30_000);

  kubectlOk(['patch', `apps.${GROUP}`, 'storefront', '--type', 'merge', '-p', '{"spec":{"tier":"worker"}}'], { namespace: ns });
  await waitFor('storefront Applied for the new generation', () => readyCr('apps', 'storefront'), 30_000);
  // spec/runtime.md §2.1 step 5: an owned child whose when turned false is deleted (the bundle
  // grants delete on services for exactly this item, with the reason).
  await waitFor('the storefront Service pruned', () => (childrenOf('services', 'storefront').length === 0 ? true : undefined), 30_000);
  // migrate is still true: the Job stays.
  assert.is(childrenOf('jobs', 'storefront').length, 1);
});

test('deleting the Apps and the Database releases them; the runtime made no forbidden request', async () => {
  for (const [resource, name] of [['apps', 'storefront'], ['apps', 'mailer'], ['databases', 'db']] as const) {
    kubectlOk(['delete', `${resource}.${GROUP}`, name, '--timeout', '30s'], { namespace: ns });
  }
  // The Caches the Apps owned are garbage-collected; their finalizer is removed by the runtime.
  await waitFor('the child Caches to be gone', () => (getJson<{ items: Obj[] }>(['get', `caches.${GROUP}`])?.items.length === 0 ? true : undefined), 60_000);
  const r = runtime!;
  runtime = undefined;
  const code = await stopRuntime(r);
  assert.is(code, 0, `exit code; stderr: ${r.stderr.join('')}`);
  const stopped = r.lines.find((l) => l['msg'] === 'runtime stopped');
  assert.ok(stopped, `no "runtime stopped" line; last lines: ${JSON.stringify(r.lines.slice(-5))}`);
  assert.is(stopped!['forbidden'], 0, `forbidden requests; warnings: ${JSON.stringify(r.lines.filter((l) => l['level'] !== 'info' && l['level'] !== 'debug').slice(0, 5))}`);
  assert.not.ok(r.lines.some((l) => l['msg'] === 'controller crashed'), 'a controller crashed');
});

test.run();

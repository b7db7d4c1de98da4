// The Control Center's API (apps/control-center/API.md) against a real runtime on a real API server:
// the snapshot, CR list and detail (children, Events), the CRD's RBAC rules with reasons, Server-Sent
// Events, and a stopped runtime turning offline within two refresh intervals.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { controlCenterReady, startControlCenter, stopControlCenter, type ControlCenterProcess } from './harness/control-center-process.ts';
import { httpGet, pollHttp, type HttpResponse } from './harness/http-poll.ts';
import { installForRuntime } from './harness/install-for-runtime.ts';
import { kubectl, kubectlOk } from './harness/kubectl.ts';
import { cleanupNamespaces } from './harness/namespace.ts';
import { httpBase, startRuntime, stopRuntime, type RuntimeProcess } from './harness/runtime-process.ts';

const KATALOG = 'examples/starter/katalog.yaml';
const REFRESH_MS = 1000;

const test = suite('Control Center API against a real runtime and API server');
let runtime: RuntimeProcess | undefined;
let cc: ControlCenterProcess | undefined;
let ns = '';
let runtimeUrl = '';
let base = '';

const get = (path: string): Promise<HttpResponse> => httpGet(base, path);
const poll = <T>(what: string, path: string, check: (r: HttpResponse) => T | undefined, timeoutMs = 60_000, everyMs = 200): Promise<T> =>
  pollHttp(base, what, path, check, timeoutMs, everyMs);

test.before(async () => {
  const install = installForRuntime(KATALOG, 'cc-api');
  ns = install.namespace;
  runtime = startRuntime(KATALOG, {
    KUBECONFIG: install.kubeconfig, ORK_NAMESPACE: ns, DEFAULT_RESYNC: '2s', LEASE_DURATION: '4', RENEW_DEADLINE: '3', RETRY_PERIOD: '1',
  });
  runtimeUrl = await httpBase(runtime);
  // Issue 12: the runtime shows CRs only to a token that may read them, the Control Center's own.
  cc = startControlCenter([runtimeUrl], { REFRESH_INTERVAL: `${REFRESH_MS}ms`, ORK_TOKEN_FILE: install.ccTokenFile });
  base = await controlCenterReady(cc);
});

test.after(async () => {
  try {
    if (runtime && ns) kubectl(['delete', 'websites', '--all', '--timeout', '30s'], { namespace: ns });
    const r = runtime;
    runtime = undefined;
    if (r) await stopRuntime(r);
    const c = cc;
    cc = undefined;
    if (c) assert.is(await stopControlCenter(c), 0, 'the Control Center stops cleanly on SIGTERM');
  } finally {
    cleanupNamespaces();
  }
});

test('/api/snapshot shows the runtime online, leading, with the Website CRD', async () => {
  const snap = await poll('r0 online', '/api/snapshot', (r) => (r.json().runtimes[0]?.status === 'online' ? r.json() : undefined), 30_000);
  const r0 = snap.runtimes[0];
  assert.equal([r0.id, r0.url, r0.isLeader], ['r0', runtimeUrl, true]);
  assert.equal(r0.katalog.crds.map((c: { name: string; kind: string }) => [c.name, c.kind]), [['website', 'Website']]);
  assert.equal([snap.stats.totalRuntimes, snap.stats.onlineRuntimes, snap.stats.totalCrds, snap.stats.totalWorkers], [1, 1, 1, 2]);
  assert.is(snap.refreshSeconds, REFRESH_MS / 1000);
  assert.ok(r0.history.length >= 1 && typeof r0.history[0].at === 'string', 'history samples');
  assert.match(r0.lastSeen, /^\d{4}-\d{2}-\d{2}T/);
});

test('the CR list shows the Website reconciled (not Ready: no kubelet), and its detail has children and the runtime\'s Events', async () => {
  kubectlOk(['apply', '-f', '-'], {
    namespace: ns,
    input: JSON.stringify({ apiVersion: 'demo.orkestra.io/v1alpha1', kind: 'Website', metadata: { name: 'site' }, spec: { replicas: 1 } }),
  });
  type Item = { name: string; namespace?: string; ready: string; reason?: string; createdAt: string };
  const item = await poll('the Website listed as reconciled', '/api/runtimes/r0/crds/website/crs', (r) =>
    (r.status === 200 ? (r.json().items as Item[]) : []).find((i) => i.namespace === ns && i.name === 'site' && i.reason === 'ChildrenNotReady'));
  assert.is(item.ready, 'False');
  assert.match(item.createdAt, /^\d{4}-\d{2}-\d{2}T/);
  const detail = await poll('children and an Event', `/api/runtimes/r0/crds/website/crs/${ns}/site`, (r) => {
    if (r.status !== 200) return undefined;
    const body = r.json();
    return body.cr.children?.Deployment && body.cr.children?.Service && body.events.items.length > 0 ? body : undefined;
  });
  assert.equal(Object.keys(detail.cr.children).sort(), ['Deployment', 'Service']);
  assert.equal(detail.cr.spec.replicas, 1);
  const event = detail.events.items[0];
  assert.equal([event.type, event.reason, event.action], ['Normal', 'Reconciled', 'Reconcile']);
  assert.ok(event.count >= 1);
  assert.match(event.at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  const missing = await get(`/api/runtimes/r0/crds/website/crs/${ns}/missing`);
  assert.equal([missing.status, missing.json().error], [404, `no Website "${ns}/missing" in the cache`]);
});

test('/api/runtimes/r0/crds/website has the CRD\'s RBAC rules with their reasons, and its health', async () => {
  const r = await get('/api/runtimes/r0/crds/website');
  assert.is(r.status, 200);
  const { info, health } = r.json();
  const rules = info.rbac.rules as { apiGroups: string[]; resources: string[]; verbs: string[]; reasons: string[]; scope: string }[];
  assert.ok(rules.length >= 5, `${rules.length} rules`);
  assert.ok(rules.every((x) => x.reasons.length > 0 && x.scope === 'cluster'));
  const deployments = rules.find((x) => x.resources.includes('deployments'))!;
  assert.equal([deployments.apiGroups, deployments.verbs], [['apps'], ['list', 'watch', 'create', 'patch']]);
  assert.match(deployments.reasons[0]!, /server-side apply/);
  assert.ok(rules.some((x) => x.resources.includes('websites/status')));
  assert.ok(!rules.some((x) => x.resources.includes('leases')), 'the Lease belongs to no CRD');
  assert.equal([health.name, health.isLeader], ['website', true]);
  const unknown = await get('/api/runtimes/r0/crds/nope');
  assert.equal([unknown.status, unknown.json().hint], [404, 'CRDs of r0: website']);
  assert.is((await get('/api/runtimes/r1/crds/website')).status, 404);
});

test('/api/events delivers the snapshot on connect and again after a poll pass', async () => {
  const controller = new AbortController();
  const res = await fetch(`${base}/api/events`, { signal: controller.signal });
  assert.is(res.headers.get('content-type'), 'text/event-stream; charset=utf-8');
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const frames: string[] = [];
  let buffer = '';
  const deadline = Date.now() + 10_000;
  try {
    while (frames.length < 2 && Date.now() < deadline) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      const parts = buffer.split('\n\n');
      buffer = parts.pop()!;
      frames.push(...parts.filter((p) => p.startsWith('event: snapshot')));
    }
  } finally {
    controller.abort();
  }
  assert.is(frames.length, 2, 'a snapshot on connect and one after the next pass');
  const [first, second] = frames.map((f) => JSON.parse(f.split('\n')[1]!.slice('data: '.length)));
  assert.is(first.runtimes[0].id, 'r0');
  assert.ok(Date.parse(second.updatedAt) > Date.parse(first.updatedAt), 'a newer pass');
});

test('a stopped runtime shows offline within two refresh intervals, its last data kept', async () => {
  kubectlOk(['delete', 'website', 'site', '--timeout', '30s'], { namespace: ns });
  const r = runtime!;
  runtime = undefined;
  assert.is(await stopRuntime(r), 0);
  const stoppedMs = Date.now();
  const snap = await poll('r0 offline', '/api/snapshot', (x) => (x.json().runtimes[0].status === 'offline' ? x.json() : undefined), 10_000, 50);
  const tookMs = Date.now() - stoppedMs;
  process.stderr.write(`e2e: runtime offline in the Control Center ${tookMs} ms after it stopped (refresh ${REFRESH_MS} ms)\n`);
  assert.ok(tookMs <= 2 * REFRESH_MS, `offline after ${tookMs} ms`);
  assert.is(snap.runtimes[0].katalog.name, 'starter', 'the last katalog is kept');
  // A pass whose request was in flight as the runtime stopped sees the connection reset; the next
  // pass finds nothing listening.
  const refused = await poll('r0 refused', '/api/snapshot', (x) => (/ECONNREFUSED/.test(x.json().runtimes[0].error ?? '') ? x.json() : undefined), 3 * REFRESH_MS, 50);
  assert.is(refused.runtimes[0].status, 'offline');
  assert.is(refused.runtimes[0].katalog.name, 'starter', 'the last katalog is still kept');
  const health = await get('/health');
  assert.equal([health.status, health.json()], [200, { status: 'healthy', runtimes: 1, online: 0 }]);
  assert.is((await get('/readyz')).status, 200, 'ready although its runtime is down: it is a monitor');
  const down = await get('/api/runtimes/r0/crds/website/crs');
  assert.is(down.status, 502);
});

test.run();

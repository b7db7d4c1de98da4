import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createRuntimeMetrics } from '../metrics/runtime-metrics.ts';
import { buildRuntimeServer } from './build-runtime-server.ts';
import { fakeCr, fakeCrd, fakeRuntimeView } from './fake-runtime-view.test-support.ts';
import type { FakeState } from './fake-runtime-view.test-support.ts';
import { closeAll, serveForTest } from './serve-for-test.test-support.ts';
import type { TestClient } from './serve-for-test.test-support.ts';

const test = suite('katalog routes');
test.after.each(closeAll);

async function setup(over: Partial<FakeState> = {}) {
  const state: FakeState = {
    isLeader: true,
    ready: true,
    gatewayEndpoint: 'https://orkestra-gateway.orkestra-system.svc:8443',
    crds: [
      fakeCrd('widgets'),
      fakeCrd('clusterwidgets', { namespaced: false, state: 'pending' }),
      fakeCrd('gadgets', { enabled: false, state: 'not-started' }),
    ],
    crs: { widgets: [fakeCr('w1', 'shop'), fakeCr('w2', 'other')], clusterwidgets: [fakeCr('cw1', undefined)] },
    broken: false,
    ...over,
  };
  const server = buildRuntimeServer({ view: fakeRuntimeView(state), metrics: createRuntimeMetrics({ defaultMetrics: false }), readTimeoutMs: 5_000, writeTimeoutMs: 20_000 });
  return { state, app: await serveForTest(server) };
}

const get = async (app: TestClient, url: string) => {
  const res = await app.get(url);
  return { status: res.status, body: res.json() };
};

test('/katalog summarises the CRDs and counts only enabled ones', async () => {
  const { app } = await setup();
  const { status, body } = await get(app, '/katalog');
  assert.is(status, 200);
  assert.is(body.name, 'shop');
  assert.is(body.isLeader, true);
  assert.is(body.ready, true);
  assert.is(body.total, 3);
  assert.is(body.totalEnabled, 2);
  assert.is(body.healthy, true);
  assert.is(body.status, 'pending');
  assert.equal(body.statusCounts, { 'not-started': 0, 'waiting-for-crd': 0, 'waiting-for-dependency': 0, pending: 1, healthy: 1, degraded: 0 });
  assert.is(body.gatewayEndpoint, 'https://orkestra-gateway.orkestra-system.svc:8443');
  assert.equal(body.crds.map((c: { name: string }) => c.name), ['widgets', 'clusterwidgets', 'gadgets']);
});

test('/katalog says degraded and omits an unset gateway endpoint', async () => {
  const { app } = await setup({ isLeader: false, gatewayEndpoint: undefined, crds: [fakeCrd('widgets', { state: 'degraded' })] });
  const { status, body } = await get(app, '/katalog');
  // /katalog reports health in its body; only /health and /katalog/{crd}/health answer 503.
  assert.is(status, 200);
  assert.is(body.healthy, false);
  assert.is(body.status, 'degraded');
  assert.is(body.isLeader, false);
  assert.ok(!('gatewayEndpoint' in body));
});

test('/katalog/{crd} returns the CRD info with derived fields, any case', async () => {
  const { app } = await setup();
  for (const url of ['/katalog/widgets', '/katalog/Widgets']) {
    const { status, body } = await get(app, url);
    assert.is(status, 200, url);
    assert.is(body.name, 'widgets');
    assert.is(body.healthy, true);
    assert.is(body.started, true);
    assert.is(body.workers, 3);
    assert.is(body.workersIdle, 2);
    assert.is(body.isLeader, true);
    assert.equal(body.rbac.rules, [{ apiGroups: ['example.com'], resources: ['widgets'], verbs: ['list', 'watch'], reasons: ['widgets: list and watch'], scope: 'cluster', critical: false }]);
  }
});

test('/katalog lists each CRD with its workers', async () => {
  const { app } = await setup();
  const { body } = await get(app, '/katalog');
  assert.equal(body.crds.map((c: { workers: number }) => c.workers), [3, 3, 3]);
});

test('CR events by namespace/name/events, or name/events for cluster-scoped CRDs, newest first', async () => {
  const event = (reason: string, at: string) => ({ type: 'Normal' as const, reason, note: 'ready', action: 'Reconcile', at, count: 1 });
  const { app } = await setup({
    events: {
      'widgets/shop/w1': [event('Reconciled', '2026-11-24T01:00:02Z'), event('Created', '2026-11-24T01:00:01Z')],
      'clusterwidgets//cw1': [event('Reconciled', '2026-11-24T01:00:03Z')],
    },
  });
  const namespaced = await get(app, '/katalog/widgets/cr/shop/w1/events');
  assert.is(namespaced.status, 200);
  assert.equal(namespaced.body.items.map((e: { reason: string }) => e.reason), ['Reconciled', 'Created']);
  assert.is(namespaced.body.isLeader, true);
  const cluster = await get(app, '/katalog/clusterwidgets/cr/cw1/events');
  assert.is(cluster.status, 200);
  assert.equal(cluster.body.items, [event('Reconciled', '2026-11-24T01:00:03Z')]);
  const none = await get(app, '/katalog/widgets/cr/other/w2/events');
  assert.equal([none.status, none.body.items], [200, []]);
});

test('/katalog/{crd}/health answers 200 healthy or pending, 503 otherwise', async () => {
  const cases = [['healthy', 200], ['pending', 200], ['degraded', 503], ['waiting-for-dependency', 503], ['not-started', 503]] as const;
  for (const [state, code] of cases) {
    const { app } = await setup({ crds: [fakeCrd('widgets', { state })] });
    const { status, body } = await get(app, '/katalog/widgets/health');
    assert.is(status, code, state);
    assert.is(body.state, state);
    assert.is(body.healthy, state === 'healthy');
    assert.is(body.pending, state === 'pending');
    assert.is(body.started, ['healthy', 'pending', 'degraded'].includes(state));
    assert.is(body.isLeader, true);
  }
});

test('/katalog/{crd}/cr lists the cached CRs', async () => {
  const { app } = await setup();
  const { status, body } = await get(app, '/katalog/widgets/cr');
  assert.is(status, 200);
  assert.is(body.total, 2);
  assert.equal(body.gvk, { group: 'example.com', version: 'v1', kind: 'Widget' });
  assert.equal(body.items.map((i: { namespace: string; name: string }) => `${i.namespace}/${i.name}`), ['shop/w1', 'other/w2']);
  assert.is(body.items[0].spec, undefined);
  assert.is(body.isLeader, true);
  const empty = await get((await setup({ crs: {} })).app, '/katalog/widgets/cr');
  assert.is(empty.status, 200);
  assert.is(empty.body.total, 0);
});

test('CR detail by namespace/name, or by name for cluster-scoped CRDs', async () => {
  const { app } = await setup();
  const namespaced = await get(app, '/katalog/widgets/cr/shop/w1');
  assert.is(namespaced.status, 200);
  assert.is(namespaced.body.uid, 'uid-w1');
  assert.equal(namespaced.body.children.Deployment, [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'w1', namespace: 'shop', exists: true }]);
  assert.is(namespaced.body.isLeader, true);
  const cluster = await get(app, '/katalog/clusterwidgets/cr/cw1');
  assert.is(cluster.status, 200);
  assert.is(cluster.body.name, 'cw1');
  assert.ok(!('namespace' in cluster.body));
});

test('unknown CRDs and CRs answer 404 {error, message}', async () => {
  const { app } = await setup({ isLeader: false });
  const cases: [string, string, string][] = [
    ['/katalog/nope', 'crd-not-found', 'no CRD "nope" in the Katalog'],
    ['/katalog/nope/health', 'crd-not-found', 'no CRD "nope" in the Katalog'],
    ['/katalog/nope/cr', 'crd-not-found', 'no CRD "nope" in the Katalog'],
    ['/katalog/nope/cr/shop/w1', 'crd-not-found', 'no CRD "nope" in the Katalog'],
    ['/katalog/nope/cr/w1', 'crd-not-found', 'no CRD "nope" in the Katalog'],
    ['/katalog/widgets/cr/shop/missing', 'cr-not-found', 'no Widget "shop/missing" in the cache'],
    ['/katalog/widgets/cr/other/w1', 'cr-not-found', 'no Widget "other/w1" in the cache'],
    ['/katalog/clusterwidgets/cr/missing', 'cr-not-found', 'no Clusterwidget "missing" in the cache'],
    ['/katalog/widgets/cr/w1', 'wrong-scope', 'CRD "widgets" is namespaced: use /katalog/widgets/cr/{namespace}/{name}'],
    ['/katalog/clusterwidgets/cr/shop/cw1', 'wrong-scope', 'CRD "clusterwidgets" is cluster-scoped: use /katalog/clusterwidgets/cr/{name}'],
    ['/katalog/widgets/cr/shop/w1/extra', 'route-not-found', 'no route GET /katalog/widgets/cr/shop/w1/extra'],
    ['/katalog/widgets/cr/shop/w1/events/x', 'route-not-found', 'no route GET /katalog/widgets/cr/shop/w1/events/x'],
    ['/katalog/nope/cr/shop/w1/events', 'crd-not-found', 'no CRD "nope" in the Katalog'],
    ['/katalog/widgets/cr/shop/missing/events', 'cr-not-found', 'no Widget "shop/missing" in the cache'],
    ['/katalog/clusterwidgets/cr/missing/events', 'cr-not-found', 'no Clusterwidget "missing" in the cache'],
    ['/katalog/widgets/cr/w1/events', 'cr-not-found', 'no Widget "w1/events" in the cache'],
    ['/katalog/clusterwidgets/cr/shop/cw1/events', 'wrong-scope', 'CRD "clusterwidgets" is cluster-scoped: use /katalog/clusterwidgets/cr/{name}/events'],
  ];
  for (const [url, error, message] of cases) {
    const { status, body } = await get(app, url);
    assert.is(status, 404, url);
    assert.equal(body, { error, message, isLeader: false }, url);
  }
});

test('a malformed URL is a 400 JSON error, not a 500', async () => {
  const { app } = await setup();
  const res = await app.get('/katalog/%E0%A4%A');
  assert.is(res.status, 400);
  assert.is(res.json().error, 'bad-request');
});

test.run();

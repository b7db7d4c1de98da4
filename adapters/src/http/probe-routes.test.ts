import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createRuntimeMetrics } from '../metrics/runtime-metrics.ts';
import { buildRuntimeServer } from './build-runtime-server.ts';
import { fakeCrd, fakeRuntimeView } from './fake-runtime-view.test-support.ts';
import type { FakeState } from './fake-runtime-view.test-support.ts';

const test = suite('probe routes');

function setup(over: Partial<FakeState> = {}) {
  const state: FakeState = { isLeader: false, ready: true, gatewayEndpoint: undefined, crds: [fakeCrd('widgets')], crs: {}, broken: false, ...over };
  const metrics = createRuntimeMetrics({ defaultMetrics: false });
  const app = buildRuntimeServer({ view: fakeRuntimeView(state), metrics, readTimeoutMs: 5_000, writeTimeoutMs: 20_000 });
  return { state, metrics, app };
}

test('/health answers 200 healthy, 200 pending and 503 degraded', async () => {
  const cases: [FakeState['crds'], boolean, number, string][] = [
    [[fakeCrd('widgets'), fakeCrd('gadgets')], true, 200, 'healthy'],
    [[fakeCrd('widgets'), fakeCrd('gadgets', { state: 'pending' })], true, 200, 'pending'],
    [[fakeCrd('widgets')], false, 200, 'pending'],
    [[fakeCrd('widgets'), fakeCrd('gadgets', { state: 'degraded' })], true, 503, 'degraded'],
    [[fakeCrd('widgets', { state: 'waiting-for-crd' })], true, 503, 'degraded'],
    // A disabled CRD never runs, so its not-started state must not fail /health.
    [[fakeCrd('widgets'), fakeCrd('gadgets', { enabled: false, state: 'not-started' })], true, 200, 'healthy'],
  ];
  for (const [crds, ready, code, status] of cases) {
    const { app } = setup({ crds, ready });
    const res = await app.inject({ method: 'GET', url: '/health' });
    assert.is(res.statusCode, code, status);
    assert.match(String(res.headers['content-type']), 'application/json');
    const body = res.json();
    assert.is(body.status, status);
    assert.is(body.ready, ready);
    assert.is(body.isLeader, false);
    assert.is(body.crds.length, crds.filter((c) => c.enabled).length);
  }
});

test('/livez and /healthz answer 200 whatever the CRDs and caches say', async () => {
  const { app } = setup({ ready: false, crds: [fakeCrd('widgets', { state: 'degraded' })] });
  for (const url of ['/livez', '/healthz']) {
    const res = await app.inject({ method: 'GET', url });
    assert.is(res.statusCode, 200, url);
    assert.equal(res.json(), { status: 'ok', isLeader: false });
  }
});

test('/readyz follows caches and Katalog, never leadership', async () => {
  for (const isLeader of [true, false]) {
    for (const ready of [true, false]) {
      const { app } = setup({ isLeader, ready });
      const res = await app.inject({ method: 'GET', url: '/readyz' });
      assert.is(res.statusCode, ready ? 200 : 503, `leader=${isLeader} ready=${ready}`);
      assert.equal(res.json(), { status: ready ? 'ok' : 'not-ready', isLeader });
    }
  }
});

test('/metrics serves the registry with its content type and controller-runtime names', async () => {
  const { app, metrics } = setup();
  metrics.registerController('widget', 3);
  metrics.observeReconcile('widget', 'success', 0.01);
  metrics.setLeader(true);
  const res = await app.inject({ method: 'GET', url: '/metrics' });
  assert.is(res.statusCode, 200);
  assert.is(res.headers['content-type'], metrics.contentType);
  for (const name of [
    'controller_runtime_reconcile_total{controller="widget",result="success"} 1',
    'controller_runtime_reconcile_time_seconds_bucket{le="0.01",controller="widget"} 1',
    'controller_runtime_max_concurrent_reconciles{controller="widget"} 3',
    'workqueue_depth{name="widget",controller="widget",priority=""} 0',
    'leader_election_master_status{name="orkestra-runtime"} 1',
  ]) assert.ok(res.body.includes(name), name);
});

test('unknown routes and failing views answer JSON errors with isLeader', async () => {
  const { app, state } = setup({ isLeader: true });
  const missing = await app.inject({ method: 'GET', url: '/nope' });
  assert.is(missing.statusCode, 404);
  assert.equal(missing.json(), { error: 'route-not-found', message: 'no route GET /nope', isLeader: true });
  state.broken = true;
  const broken = await app.inject({ method: 'GET', url: '/health' });
  assert.is(broken.statusCode, 500);
  assert.equal(broken.json(), { error: 'internal', message: 'view exploded', isLeader: true });
  // Liveness reads nothing that can fail.
  assert.is((await app.inject({ method: 'GET', url: '/livez' })).statusCode, 200);
});

test('a given logger receives request failures and no per-request lines', async () => {
  const lines: [string, unknown, unknown][] = [];
  const log = (level: string) => (obj: unknown, msg?: unknown) => void lines.push([level, obj, msg]);
  const logger = {
    level: 'info', fatal: log('fatal'), error: log('error'), warn: log('warn'), info: log('info'), debug: log('debug'), trace: log('trace'), silent: log('silent'),
    child: () => logger,
  };
  const state: FakeState = { isLeader: false, ready: true, gatewayEndpoint: undefined, crds: [], crs: {}, broken: true };
  const app = buildRuntimeServer({ view: fakeRuntimeView(state), metrics: createRuntimeMetrics({ defaultMetrics: false }), readTimeoutMs: 0, writeTimeoutMs: 0, logger });
  assert.is((await app.inject({ method: 'GET', url: '/livez' })).statusCode, 200);
  assert.is(lines.length, 0);
  assert.is((await app.inject({ method: 'GET', url: '/katalog' })).statusCode, 500);
  assert.equal(lines.map(([level, , msg]) => [level, msg]), [['error', 'request failed']]);
});

test('read and write timeouts reach the Node server', async () => {
  const { app } = setup();
  assert.is(app.initialConfig.connectionTimeout, 20_000);
  assert.is(app.server.requestTimeout, 5_000);
  assert.is(app.server.timeout, 20_000);
});

test.run();

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createRuntimeMetrics } from '../metrics/runtime-metrics.ts';
import { buildRuntimeServer } from './build-runtime-server.ts';
import { fakeCrd, fakeRuntimeView } from './fake-runtime-view.test-support.ts';
import type { FakeState } from './fake-runtime-view.test-support.ts';
import { closeAll, serveForTest } from './serve-for-test.test-support.ts';

const test = suite('probe routes');
test.after.each(closeAll);

async function setup(over: Partial<FakeState> = {}) {
  const state: FakeState = { isLeader: false, ready: true, gatewayEndpoint: undefined, crds: [fakeCrd('widgets')], crs: {}, broken: false, ...over };
  const metrics = createRuntimeMetrics({ defaultMetrics: false });
  const server = buildRuntimeServer({ view: fakeRuntimeView(state), metrics, readTimeoutMs: 5_000, writeTimeoutMs: 20_000 });
  return { state, metrics, server, app: await serveForTest(server) };
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
    const { app } = await setup({ crds, ready });
    const res = await app.get('/health');
    assert.is(res.status, code, status);
    assert.match(String(res.headers['content-type']), 'application/json');
    const body = res.json();
    assert.is(body.status, status);
    assert.is(body.ready, ready);
    assert.is(body.isLeader, false);
    assert.is(body.crds.length, crds.filter((c) => c.enabled).length);
  }
});

test('/livez and /healthz answer 200 whatever the CRDs and caches say', async () => {
  const { app } = await setup({ ready: false, crds: [fakeCrd('widgets', { state: 'degraded' })] });
  for (const url of ['/livez', '/healthz']) {
    const res = await app.get(url);
    assert.is(res.status, 200, url);
    assert.equal(res.json(), { status: 'ok', isLeader: false });
  }
});

test('/readyz follows caches and Katalog, never leadership', async () => {
  for (const isLeader of [true, false]) {
    for (const ready of [true, false]) {
      const { app } = await setup({ isLeader, ready });
      const res = await app.get('/readyz');
      assert.is(res.status, ready ? 200 : 503, `leader=${isLeader} ready=${ready}`);
      assert.equal(res.json(), { status: ready ? 'ok' : 'not-ready', isLeader });
    }
  }
});

test('/metrics serves the registry with its content type and controller-runtime names', async () => {
  const { app, metrics } = await setup();
  metrics.registerController('widget', 3);
  metrics.observeReconcile('widget', 'success', 0.01);
  metrics.setLeader(true);
  const res = await app.get('/metrics');
  assert.is(res.status, 200);
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
  const { app, state } = await setup({ isLeader: true });
  const missing = await app.get('/nope');
  assert.is(missing.status, 404);
  assert.equal(missing.json(), { error: 'route-not-found', message: 'no route GET /nope', isLeader: true });
  state.broken = true;
  const broken = await app.get('/health');
  assert.is(broken.status, 500);
  assert.equal(broken.json(), { error: 'internal', message: 'view exploded', isLeader: true });
  // Liveness reads nothing that can fail.
  assert.is((await app.get('/livez')).status, 200);
});

test('a given logger receives request failures and no per-request lines', async () => {
  const failures: [string, string, string][] = [];
  const logger = { requestFailed: (err: unknown, { method, url }: { method: string; url: string }) => void failures.push([method, url, String(err)]) };
  const state: FakeState = { isLeader: false, ready: true, gatewayEndpoint: undefined, crds: [], crs: {}, broken: true };
  const app = await serveForTest(buildRuntimeServer({ view: fakeRuntimeView(state), metrics: createRuntimeMetrics({ defaultMetrics: false }), readTimeoutMs: 0, writeTimeoutMs: 0, logger }));
  assert.is((await app.get('/livez')).status, 200);
  assert.is((await app.get('/nope')).status, 404);
  assert.equal(failures, []);
  assert.is((await app.get('/katalog?x=1')).status, 500);
  assert.equal(failures, [['GET', '/katalog?x=1', 'Error: view exploded']]);
});

test('a failing /metrics source is a 500, not a hung request', async () => {
  const state: FakeState = { isLeader: true, ready: true, gatewayEndpoint: undefined, crds: [], crs: {}, broken: false };
  const metrics = { contentType: 'text/plain', metrics: () => Promise.reject(new Error('registry exploded')) };
  const app = await serveForTest(buildRuntimeServer({ view: fakeRuntimeView(state), metrics, readTimeoutMs: 0, writeTimeoutMs: 0 }));
  const res = await app.get('/metrics');
  assert.is(res.status, 500);
  assert.equal(res.json(), { error: 'internal', message: 'registry exploded', isLeader: true });
});

test('HEAD answers like GET without a body', async () => {
  const { app } = await setup({ ready: false });
  // An unknown path's message names the method, so its length differs from GET's.
  const head = await app.send('HEAD', '/nope');
  assert.equal([head.status, head.body, head.headers['content-length']], [404, '', String(Buffer.byteLength(JSON.stringify({ error: 'route-not-found', message: 'no route HEAD /nope', isLeader: false })))]);
  for (const [url, code] of [['/readyz', 503], ['/livez', 200], ['/katalog/widgets', 200]] as const) {
    const head = await app.send('HEAD', url);
    const get = await app.get(url);
    assert.is(head.status, code, url);
    assert.is(head.body, '', url);
    assert.is(head.headers['content-type'], 'application/json; charset=utf-8', url);
    assert.is(head.headers['content-length'], String(Buffer.byteLength(get.body)), url);
  }
});

test('other methods on a route are 405 with Allow; on no route, 404', async () => {
  const { app } = await setup({ isLeader: true });
  for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
    const res = await app.send(method, '/health');
    assert.is(res.status, 405, method);
    assert.is(res.headers['allow'], 'GET, HEAD', method);
    assert.equal(res.json(), { error: 'method-not-allowed', message: `${method} is not allowed on /health: use GET or HEAD`, isLeader: true });
  }
  const post = await app.send('POST', '/nope');
  assert.is(post.status, 404);
  assert.equal(post.json(), { error: 'route-not-found', message: 'no route POST /nope', isLeader: true });
});

test('paths match exactly, ignoring the query and decoding escapes', async () => {
  const { app } = await setup();
  const cases: [string, number][] = [
    ['/livez?verbose=1', 200], ['/liv%65z', 200], ['/livez/', 404], ['//livez', 404], ['/', 404], ['*', 404], ['/livez/x', 404], ['/%zz', 400],
  ];
  for (const [url, code] of cases) assert.is((await app.get(url)).status, code, url);
});

test('read, write and keep-alive timeouts reach the Node server', async () => {
  const { server } = await setup();
  assert.is(server.server.requestTimeout, 5_000);
  assert.is(server.server.timeout, 20_000);
  assert.is(server.server.keepAliveTimeout, 72_000);
  // Node's default, not shrunk to 0 when the read timeout is off.
  assert.is(server.server.headersTimeout, 60_000);
});

test('listen rejects on a port in use; close resolves, also before listen', async () => {
  const { server } = await setup();
  const port = (server.server.address() as { port: number }).port;
  const second = buildRuntimeServer({ view: fakeRuntimeView({ isLeader: false, ready: true, gatewayEndpoint: undefined, crds: [], crs: {}, broken: false }), metrics: createRuntimeMetrics({ defaultMetrics: false }), readTimeoutMs: 0, writeTimeoutMs: 0 });
  try {
    await second.listen({ port, host: '127.0.0.1' });
    assert.unreachable('listened twice on one port');
  } catch (err) {
    assert.match(String(err), 'EADDRINUSE');
  }
  await second.close();
  await server.close();
  assert.is(server.server.listening, false);
});

test.run();

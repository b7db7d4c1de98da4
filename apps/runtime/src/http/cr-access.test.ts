// Issue 12, finding 6: the routes that return CRs need a token the API server accepts, and show
// only what its owner may read; probes, /metrics and /katalog stay open.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createRuntimeMetrics } from '../metrics/runtime-metrics.ts';
import { buildRuntimeServer } from './build-runtime-server.ts';
import type { AccessQuestion, CrAccess } from './cr-access.ts';
import { fakeCr, fakeCrd, fakeRuntimeView } from './fake-runtime-view.test-support.ts';
import { closeAll, serveForTest } from './serve-for-test.test-support.ts';

const test = suite('CR routes need a token and access');
test.after.each(closeAll);

// Tokens and what the (fake) API server grants each: `admin` everything, `shop` list and get in namespace shop only.
const GRANTS: Record<string, (q: AccessQuestion) => boolean> = {
  admin: () => true,
  shop: (q) => q.namespace === 'shop',
  nobody: () => false,
};
const asked: AccessQuestion[] = [];
const access: CrAccess = {
  authenticate: async (token) => (token in GRANTS ? { type: 'caller', caller: { username: `system:serviceaccount:t:${token}`, groups: [] } } : token === 'down' ? { type: 'unavailable', message: 'connection refused' } : { type: 'invalid', message: 'token expired' }),
  allowed: async (caller, q) => {
    asked.push(q);
    return GRANTS[caller.username.split(':').at(-1)!]!(q);
  },
};

async function setup() {
  const view = fakeRuntimeView({
    isLeader: true, ready: true, gatewayEndpoint: undefined, broken: false,
    crds: [fakeCrd('widgets'), fakeCrd('clusterwidgets', { namespaced: false })],
    crs: { widgets: [fakeCr('w1', 'shop'), fakeCr('w2', 'other')], clusterwidgets: [fakeCr('cw1', undefined)] },
  });
  const server = buildRuntimeServer({ view, metrics: createRuntimeMetrics({ defaultMetrics: false }), readTimeoutMs: 5_000, writeTimeoutMs: 20_000, access });
  return serveForTest(server);
}
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

test('probes, /metrics, /katalog and CRD routes stay open', async () => {
  const app = await setup();
  for (const path of ['/health', '/livez', '/readyz', '/metrics', '/katalog', '/katalog/widgets', '/katalog/widgets/health']) {
    assert.is((await app.get(path)).status, 200, path);
  }
});

test('no token or a refused token: 401 with WWW-Authenticate, and no CR in the body', async () => {
  const app = await setup();
  for (const path of ['/katalog/widgets/cr', '/katalog/widgets/cr/shop/w1', '/katalog/widgets/cr/shop/w1/events']) {
    const none = await app.get(path);
    assert.is(none.status, 401, path);
    assert.is(none.headers['www-authenticate'], 'Bearer');
    assert.not.match(none.body, 'w1');
    const bad = await app.get(path, bearer('stolen'));
    assert.is(bad.status, 401);
    assert.match(bad.json().message, 'token expired');
  }
  assert.is((await app.get('/katalog/widgets/cr', { authorization: 'Basic YWRtaW46YWRtaW4=' })).status, 401);
});

test('a caller who may get the CR sees it; one who may not gets 403', async () => {
  const app = await setup();
  const ok = await app.get('/katalog/widgets/cr/shop/w1', bearer('shop'));
  assert.is(ok.status, 200);
  assert.is(ok.json().name, 'w1');
  assert.equal(asked.at(-1), { verb: 'get', group: 'example.com', resource: 'widgets', namespace: 'shop', name: 'w1' });
  const no = await app.get('/katalog/widgets/cr/other/w2', bearer('shop'));
  assert.is(no.status, 403);
  assert.equal(no.json(), { error: 'forbidden', message: 'system:serviceaccount:t:shop may not get widgets.example.com in namespace other', isLeader: true });
  assert.is((await app.get('/katalog/widgets/cr/other/w2/events', bearer('shop'))).status, 403);
  assert.is((await app.get('/katalog/clusterwidgets/cr/cw1', bearer('nobody'))).status, 403);
  assert.is((await app.get('/katalog/clusterwidgets/cr/cw1/events', bearer('admin'))).status, 200);
  assert.equal(asked.at(-1), { verb: 'get', group: 'example.com', resource: 'clusterwidgets', name: 'cw1' });
});

test('the CR list holds only the namespaces the caller may list', async () => {
  const app = await setup();
  const all = await app.get('/katalog/widgets/cr', bearer('admin'));
  assert.equal(all.json().items.map((i: { name: string }) => i.name), ['w1', 'w2']);
  const shop = await app.get('/katalog/widgets/cr', bearer('shop'));
  assert.is(shop.status, 200);
  assert.equal(shop.json().items.map((i: { name: string }) => i.name), ['w1']);
  assert.is(shop.json().total, 1);
  assert.equal((await app.get('/katalog/widgets/cr', bearer('nobody'))).json().items, []);
  assert.is((await app.get('/katalog/clusterwidgets/cr', bearer('nobody'))).status, 403);
});

test('an API server that cannot answer is a 503, never an open door', async () => {
  const app = await setup();
  const r = await app.get('/katalog/widgets/cr/shop/w1', bearer('down'));
  assert.is(r.status, 503);
  assert.not.match(r.body, '"spec"');
});

test('an unknown CRD is still a 404 without a token', async () => {
  const app = await setup();
  assert.is((await app.get('/katalog/nope/cr')).status, 404);
});

test.run();

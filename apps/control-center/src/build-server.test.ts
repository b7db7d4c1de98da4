import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createLogger } from '@orkestra/adapters/process';
import { fakeClock } from '@orkestra/lib/testing';
import { buildServer, SECURITY_HEADERS } from './build-server.ts';
import { createControlCenterMetrics } from './cc-metrics.ts';
import { getPreferLeader } from './get-prefer-leader.ts';
import { Poller } from './poller.ts';
import { PublishedSnapshot } from './published-snapshot.ts';
import { SseHub } from './sse-hub.ts';
import { katalogBody, startStubRuntime, type StubRuntime } from './stub-runtime.test-support.ts';

const test = suite('Control Center server');
const dir = mkdtempSync(join(tmpdir(), 'ork-cc-server-'));
mkdirSync(join(dir, 'public', 'assets'), { recursive: true });
writeFileSync(join(dir, 'public', 'index.html'), '<!doctype html><title>cc</title>');
writeFileSync(join(dir, 'public', 'assets', 'app.js'), 'console.log(1);');
writeFileSync(join(dir, 'package.json'), '{"secret":true}');

let stub: StubRuntime;
let hub: SseHub;
const lines: string[] = [];

async function setup(allowedHosts?: readonly string[]) {
  stub = await startStubRuntime();
  stub.routes.set('/katalog', { body: katalogBody(true) });
  hub = new SseHub();
  let published: PublishedSnapshot | undefined;
  const poller = new Poller({ urls: [stub.url, 'http://127.0.0.1:1'], refreshMs: 1000, requestTimeoutMs: 500, clock: fakeClock(), onPass: (snap) => hub.broadcast(published!.publish(snap)) });
  published = new PublishedSnapshot(poller.snapshot());
  const snapshots = published;
  const metrics = createControlCenterMetrics({ defaultMetrics: false });
  const app = buildServer({
    urlOf: (id) => poller.urlOf(id), snapshot: () => poller.snapshot(), get: (url) => getPreferLeader(url, 500), passes: () => poller.passes(),
    snapshotJson: () => snapshots.json(), snapshotFrame: () => snapshots.frame(), ...(allowedHosts ? { allowedHosts } : {}),
    hub, metrics, publicDir: pathToFileURL(join(dir, 'public/')), log: createLogger('info', fakeClock(), (l) => void lines.push(l)),
  });
  return { app, poller, metrics, published };
}
test.after.each(async () => {
  hub.close();
  await stub.close();
});

const securityHeadersOf = (headers: Record<string, unknown>) => Object.fromEntries(Object.keys(SECURITY_HEADERS).map((k) => [k, headers[k]]));

test('every response carries the security headers: pages, API, errors and redirects', async () => {
  const { app } = await setup();
  for (const url of ['/', '/controlcenter', '/api/snapshot', '/nope', '/health', '/controlcenter/../package.json']) {
    const res = await app.inject({ method: 'GET', url });
    assert.equal(securityHeadersOf(res.headers), SECURITY_HEADERS, url);
  }
  assert.match(SECURITY_HEADERS['content-security-policy']!, /frame-ancestors 'none'/);
});

test('/ redirects to the UI; /controlcenter and deep links serve index.html; assets with their type', async () => {
  const { app } = await setup();
  const root = await app.inject({ method: 'GET', url: '/' });
  assert.equal([root.statusCode, root.headers.location], [302, '/controlcenter']);
  for (const url of ['/controlcenter', '/controlcenter/', '/controlcenter/runtimes/r0/crds/website']) {
    const res = await app.inject({ method: 'GET', url });
    assert.equal([res.statusCode, res.headers['content-type'], res.body], [200, 'text/html; charset=utf-8', '<!doctype html><title>cc</title>'], url);
    assert.is(res.headers['cache-control'], 'no-cache');
  }
  const js = await app.inject({ method: 'GET', url: '/controlcenter/assets/app.js' });
  assert.equal([js.statusCode, js.headers['content-type'], js.body], [200, 'text/javascript; charset=utf-8', 'console.log(1);']);
  const again = await app.inject({ method: 'GET', url: '/controlcenter/assets/app.js', headers: { 'if-none-match': String(js.headers.etag) } });
  assert.equal([again.statusCode, again.body], [304, '']);
  assert.is((await app.inject({ method: 'GET', url: '/controlcenter/assets/missing.js' })).statusCode, 404);
});

test('no path leaves public/', async () => {
  const { app } = await setup();
  for (const url of ['/controlcenter/..%2fpackage.json', '/controlcenter/%2e%2e/package.json', '/controlcenter/assets/..%2f..%2fpackage.json', '/controlcenter/..%5cpackage.json', '/controlcenter/.%2e/package.json']) {
    const res = await app.inject({ method: 'GET', url });
    assert.is(res.statusCode, 404, url);
    assert.not.match(res.body, /secret/, url);
  }
});

test('read-only: no route takes POST, PUT or DELETE', async () => {
  const { app } = await setup();
  for (const method of ['POST', 'PUT', 'DELETE', 'PATCH'] as const) {
    for (const url of ['/api/snapshot', '/api/runtimes/r0/crds/website', '/controlcenter']) {
      const res = await app.inject({ method, url });
      assert.is(res.statusCode, 404, `${method} ${url}`);
      assert.match(res.json().error, /^no route /);
    }
  }
});

test('/readyz waits for the first pass; /health is healthy with runtimes offline; /api/snapshot is the last pass', async () => {
  const { app, poller } = await setup();
  assert.is((await app.inject({ method: 'GET', url: '/readyz' })).statusCode, 503);
  await poller.pass();
  assert.is((await app.inject({ method: 'GET', url: '/readyz' })).statusCode, 200);
  assert.is((await app.inject({ method: 'GET', url: '/livez' })).statusCode, 200);
  const health = await app.inject({ method: 'GET', url: '/health' });
  assert.equal([health.statusCode, health.json()], [200, { status: 'healthy', runtimes: 2, online: 1 }]);
  const snap = await app.inject({ method: 'GET', url: '/api/snapshot' });
  assert.is(snap.headers['content-type'], 'application/json; charset=utf-8');
  assert.equal(snap.json().runtimes.map((r: { status: string }) => r.status), ['online', 'offline']);
});

test('/metrics has the Control Center series', async () => {
  const { app, poller, metrics } = await setup();
  const snapshot = await poller.pass();
  metrics.observePass(snapshot, 0.01);
  const text = (await app.inject({ method: 'GET', url: '/metrics' })).body;
  assert.match(text, new RegExp(`orkestra_cc_runtime_up\\{runtime="r0",url="${stub.url}"\\} 1`));
  assert.match(text, /orkestra_cc_runtime_up\{runtime="r1",url="http:\/\/127\.0\.0\.1:1"\} 0/);
  assert.match(text, /orkestra_cc_poll_duration_seconds_count 1/);
  assert.match(text, /orkestra_cc_sse_clients 0/);
});

test('CRD detail joins /katalog/{crd} and its health (a degraded 503 is data)', async () => {
  const { app } = await setup();
  stub.routes.set('/katalog/website', { body: { name: 'website', rbac: { rules: [] }, isLeader: true } });
  stub.routes.set('/katalog/website/health', { status: 503, body: { name: 'website', state: 'degraded', isLeader: true } });
  const res = await app.inject({ method: 'GET', url: '/api/runtimes/r0/crds/website' });
  assert.equal([res.statusCode, res.json()], [200, { info: { name: 'website', rbac: { rules: [] }, isLeader: true }, health: { name: 'website', state: 'degraded', isLeader: true } }]);
});

test('CR list and CR detail with events; `_` is the namespace of cluster-scoped CRs', async () => {
  const { app } = await setup();
  stub.routes.set('/katalog/website/cr', { body: { items: [{ name: 'site', namespace: 'shop', ready: 'True' }], total: 1, isLeader: true } });
  stub.routes.set('/katalog/website/cr/shop/site', { body: { name: 'site', children: { Deployment: [] }, isLeader: true } });
  stub.routes.set('/katalog/website/cr/shop/site/events', { body: { items: [{ type: 'Normal', reason: 'Reconciled' }], isLeader: true } });
  stub.routes.set('/katalog/cluster/cr/one', { body: { name: 'one', isLeader: true } });
  const list = await app.inject({ method: 'GET', url: '/api/runtimes/r0/crds/website/crs' });
  assert.equal(list.json().items[0].ready, 'True');
  const detail = await app.inject({ method: 'GET', url: '/api/runtimes/r0/crds/website/crs/shop/site' });
  assert.equal(detail.json(), { cr: { name: 'site', children: { Deployment: [] }, isLeader: true }, events: { items: [{ type: 'Normal', reason: 'Reconciled' }], isLeader: true } });
  const cluster = await app.inject({ method: 'GET', url: '/api/runtimes/r0/crds/cluster/crs/_/one' });
  assert.is(cluster.statusCode, 200);
  assert.equal(cluster.json().events.items, [], 'a runtime without the events route still shows the CR');
  assert.is(stub.hits.get('/katalog/cluster/cr/one/events'), 1);
});

// Issue 12, finding 12: `crds/../crs/../..` reached the runtime's `/` and `/events`.
test('detail paths are built from validated segments: dot segments, encoded or not, never reach the runtime', async () => {
  const { app } = await setup();
  const urls = [
    '/api/runtimes/r0/crds/..', '/api/runtimes/r0/crds/../crs', '/api/runtimes/r0/crds/%2e%2e/crs', '/api/runtimes/r0/crds/..%2Fcrs%2F..%2F..',
    '/api/runtimes/r0/crds/a%2F..%2Fb/crs', '/api/runtimes/r0/crds/website/crs/_/..', '/api/runtimes/r0/crds/website/crs/%2E%2E/x',
    '/api/runtimes/r0/crds/website/crs/shop/..%2F..%2F..', '/api/runtimes/r0/crds/website/crs/shop/.',
  ];
  for (const url of urls) {
    const res = await app.inject({ method: 'GET', url });
    assert.ok(res.statusCode === 400 || res.statusCode === 404, `${url}: ${res.statusCode}`);
    if (res.statusCode === 400) assert.match(res.json().error, /is not (a CRD key|a namespace|a CR name)/, url);
  }
  const reached = [...stub.hits.keys()].filter((p) => p !== '/katalog');
  assert.equal(reached, [], 'no request reached the runtime');
});

test('the Host header is checked for the UI and API; probes and metrics answer any Host', async () => {
  const { app } = await setup(['localhost', '127.0.0.1', '::1']);
  for (const url of ['/api/snapshot', '/controlcenter', '/api/runtimes/r0/crds/website', '/']) {
    const res = await app.inject({ method: 'GET', url, headers: { host: 'rebound.attacker.example:8081' } });
    assert.is(res.statusCode, 403, url);
    assert.match(res.json().error, /host "rebound\.attacker\.example:8081" is not served here/);
    assert.equal(securityHeadersOf(res.headers), SECURITY_HEADERS);
  }
  for (const url of ['/livez', '/readyz', '/health', '/metrics']) assert.not.equal((await app.inject({ method: 'GET', url, headers: { host: '10.1.2.3:8081' } })).statusCode, 403, url);
  for (const host of ['localhost:8081', '127.0.0.1:8081', '[::1]:8081']) assert.is((await app.inject({ method: 'GET', url: '/api/snapshot', headers: { host } })).statusCode, 200, host);
  assert.ok(lines.some((l) => l.includes('request refused: Host not allowed')));
});

test('/api/snapshot sends the bytes rendered once per pass; a runtime over budget is cut down, not fanned out', async () => {
  const { app, poller, published } = await setup();
  stub.routes.set('/katalog', { body: katalogBody(true, { pad: 'x'.repeat(900 * 1024) }) });
  await poller.pass();
  const first = await app.inject({ method: 'GET', url: '/api/snapshot' });
  assert.is(first.rawPayload.equals(published.json()), true);
  assert.is(first.body, (await app.inject({ method: 'GET', url: '/api/snapshot' })).body);
  const small = new PublishedSnapshot(poller.snapshot(), 64 * 1024);
  const parsed = JSON.parse(small.json().toString('utf8')) as { runtimes: { error?: string; katalog?: unknown }[] };
  assert.is(parsed.runtimes[0]!.katalog, undefined);
  assert.match(parsed.runtimes[0]!.error ?? '', /over the Control Center's 65536-character budget per runtime/);
  assert.ok(small.json().length < 64 * 1024);
});

test('unknown runtime, CRD or CR is 404 {error, hint}; an unreachable runtime is 502 {error}', async () => {
  const { app, poller } = await setup();
  await poller.pass();
  stub.routes.set('/katalog/nope', { status: 404, body: { error: 'crd-not-found', message: 'no CRD "nope" in the Katalog', isLeader: true } });
  stub.routes.set('/katalog/website/cr/shop/gone', { status: 404, body: { error: 'cr-not-found', message: 'no Website "shop/gone" in the cache', isLeader: true } });
  const cases: [string, number, Record<string, unknown>][] = [
    ['/api/runtimes/r9/crds/website', 404, { error: 'no runtime "r9"', hint: 'runtimes are r0, r1, in ORKESTRA_URLS order' }],
    ['/api/runtimes/r0/crds/nope', 404, { error: 'no CRD "nope" in the Katalog', hint: 'CRDs of r0: website' }],
    ['/api/runtimes/r0/crds/website/crs/shop/gone', 404, { error: 'no Website "shop/gone" in the cache', hint: 'it may have been deleted; the CR list shows what the runtime caches now' }],
  ];
  for (const [url, status, body] of cases) {
    const res = await app.inject({ method: 'GET', url });
    assert.equal([res.statusCode, res.json()], [status, body], url);
  }
  const down = await app.inject({ method: 'GET', url: '/api/runtimes/r1/crds/website/crs' });
  assert.is(down.statusCode, 502);
  assert.match(down.json().error, /^runtime r1 \(http:\/\/127\.0\.0\.1:1\): GET \/katalog\/website\/cr: .*ECONNREFUSED/);
  stub.routes.set('/katalog/website/cr', { body: {}, delayMs: 3_000 });
  const started = Date.now();
  const slow = await app.inject({ method: 'GET', url: '/api/runtimes/r0/crds/website/crs' });
  assert.equal([slow.statusCode, slow.json().error], [502, `runtime r0 (${stub.url}): GET /katalog/website/cr: no answer within 500 ms`]);
  assert.ok(Date.now() - started < 2_000, 'never hangs on a slow runtime');
});

test('/api/events starts with the current snapshot as one data line, with the security headers', async () => {
  const { app, poller } = await setup();
  await poller.pass();
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  try {
    const controller = new AbortController();
    const res = await fetch(`${address}/api/events`, { signal: controller.signal });
    assert.is(res.headers.get('content-type'), 'text/event-stream; charset=utf-8');
    assert.is(res.headers.get('x-content-type-options'), 'nosniff');
    const reader = res.body!.getReader();
    let text = '';
    while (!text.includes('\n\n')) text += new TextDecoder().decode((await reader.read()).value);
    const [event, data] = text.split('\n');
    assert.is(event, 'event: snapshot');
    assert.equal(JSON.parse(data!.slice('data: '.length)).runtimes.map((r: { id: string }) => r.id), ['r0', 'r1']);
    controller.abort();
  } finally {
    hub.close();
    await app.close();
  }
});

test.run();

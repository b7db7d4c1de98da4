import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { fakeClock } from '@orkestra/lib/testing';
import { Poller } from './poller.ts';
import { katalogBody, startStubRuntime, type StubRuntime } from './stub-runtime.test-support.ts';

const test = suite('Poller (against stub runtimes on node:http)');
let stubs: StubRuntime[] = [];
test.after.each(async () => {
  await Promise.all(stubs.map((s) => s.close()));
  stubs = [];
});
async function stub(): Promise<StubRuntime> {
  const s = await startStubRuntime();
  stubs.push(s);
  return s;
}

test('a leader is online with its katalog as returned; an unreachable runtime is offline; the pass publishes', async () => {
  const up = await stub();
  up.routes.set('/katalog', { body: katalogBody(true, { extra: 'passed through' }) });
  const published: number[] = [];
  const poller = new Poller({ urls: [up.url, 'http://127.0.0.1:1'], refreshMs: 1000, requestTimeoutMs: 1000, clock: fakeClock(), onPass: (s) => published.push(s.runtimes.length) });
  assert.equal(poller.snapshot().runtimes.map((r) => r.status), ['starting', 'starting'], 'before the first pass');
  assert.is(poller.passes(), 0);
  const snap = await poller.pass();
  assert.equal(snap.runtimes.map((r) => [r.id, r.status]), [['r0', 'online'], ['r1', 'offline']]);
  assert.is((snap.runtimes[0]!.katalog as { extra: string }).extra, 'passed through');
  assert.is(snap.runtimes[0]!.isLeader, true);
  assert.is(snap.runtimes[0]!.history.length, 1);
  assert.match(snap.runtimes[1]!.error ?? '', /ECONNREFUSED/);
  assert.equal(snap.stats, { totalRuntimes: 2, onlineRuntimes: 1, totalCrds: 1, healthyCrds: 1, totalWorkers: 2, totalResources: 1, totalQueueDepth: 0 });
  assert.equal(published, [2]);
  assert.is(poller.passes(), 1);
  assert.equal(up.connectionHeaders, ['close'], 'keep-alive off: each request may reach another replica');
});

// Issue 12, finding 10: `"gatewayEndpoint": "orkestra-gateway:8080"` made getJson throw ERR_INVALID_PROTOCOL
// in the poller, uncaught: exit 1 with a stack, crash loop.
test('a gatewayEndpoint without a scheme is the gateway\'s error; the runtime stays online and nothing is requested', async () => {
  const s = await stub();
  s.routes.set('/katalog', { body: katalogBody(true, { gatewayEndpoint: 'orkestra-gateway:8080' }) });
  const asked: string[] = [];
  const poller = new Poller({ urls: [s.url], refreshMs: 1000, requestTimeoutMs: 1000, clock: fakeClock(), get: async (url, t, max) => {
    asked.push(url);
    const { getJson } = await import('./get-json.ts');
    return getJson(url, t, max);
  } });
  const snap = await poller.pass();
  assert.is(snap.runtimes[0]!.status, 'online');
  assert.equal(snap.runtimes[0]!.gateway, {
    endpoint: 'orkestra-gateway:8080', status: 'offline',
    error: 'gatewayEndpoint "orkestra-gateway:8080" is not a URL (want http://host:port, e.g. http://orkestra-runtime:8080)',
  });
  assert.equal(asked, [`${s.url}/katalog`]);
  const { getJson } = await import('./get-json.ts');
  assert.equal(await getJson('orkestra-gateway:8080/katalog', 500), { type: 'error', message: 'orkestra-gateway:8080/katalog is not an http:// or https:// URL' });
});

test('bad JSON, a huge answer or a get that throws is that runtime\'s error, and the loop goes on', async () => {
  const bad = await stub();
  const huge = await stub();
  bad.routes.set('/katalog', { raw: '{"isLeader": tru' });
  huge.routes.set('/katalog', { raw: JSON.stringify({ ...katalogBody(true), pad: 'x'.repeat(1024 * 1024) }) });
  const errors: string[] = [];
  const poller = new Poller({ urls: [bad.url, huge.url, 'http://127.0.0.1:2'], refreshMs: 1000, requestTimeoutMs: 2000, clock: fakeClock(), onError: (m) => errors.push(m), get: async (url, t, max) => {
    if (url.startsWith('http://127.0.0.1:2/')) throw new Error('a bug in a get');
    const { getJson } = await import('./get-json.ts');
    return getJson(url, t, max);
  } });
  const snap = await poller.pass();
  assert.equal(snap.runtimes.map((r) => r.status), ['offline', 'offline', 'offline']);
  assert.is(snap.runtimes[0]!.error, 'answered 200 with a body that is not JSON');
  assert.is(snap.runtimes[1]!.error, 'answer larger than 1048576 bytes');
  assert.match(snap.runtimes[2]!.error ?? '', /a bug in a get/);
  assert.equal(errors, ['polling http://127.0.0.1:2: a bug in a get']);
  const controller = new AbortController();
  let passes = 0;
  const looping = new Poller({ urls: [bad.url], refreshMs: 100, requestTimeoutMs: 500, clock: fakeClock(), onPass: () => { if (++passes === 2) controller.abort(); } });
  await looping.run(controller.signal);
  assert.is(passes, 2, 'run() keeps polling after bad answers');
});

test('a follower answer is asked again, up to three times, and the leader wins when reached', async () => {
  const s = await stub();
  let n = 0;
  s.routes.set('/katalog', () => ({ body: katalogBody(++n === 3) }));
  const poller = new Poller({ urls: [s.url], refreshMs: 1000, requestTimeoutMs: 1000, clock: fakeClock() });
  const snap = await poller.pass();
  assert.is(s.hits.get('/katalog'), 3);
  assert.equal([snap.runtimes[0]!.status, snap.runtimes[0]!.isLeader], ['online', true]);
});

test('followers only: the third answer is used and the runtime is starting', async () => {
  const s = await stub();
  s.routes.set('/katalog', { body: katalogBody(false) });
  const snap = await new Poller({ urls: [s.url], refreshMs: 1000, requestTimeoutMs: 1000, clock: fakeClock() }).pass();
  assert.is(s.hits.get('/katalog'), 3);
  assert.equal([snap.runtimes[0]!.status, snap.runtimes[0]!.isLeader], ['starting', false]);
});

test('a slow runtime times out (offline) without holding up the others; data is kept from before', async () => {
  const slow = await stub();
  const quick = await stub();
  quick.routes.set('/katalog', { body: katalogBody(true) });
  slow.routes.set('/katalog', { body: katalogBody(true) });
  const clock = fakeClock();
  const poller = new Poller({ urls: [slow.url, quick.url], refreshMs: 1000, requestTimeoutMs: 300, clock });
  await poller.pass();
  slow.routes.set('/katalog', { body: katalogBody(true), delayMs: 5_000 });
  const started = Date.now();
  const snap = await poller.pass();
  assert.ok(Date.now() - started < 2_000, `the pass took ${Date.now() - started} ms`);
  assert.equal(snap.runtimes.map((r) => r.status), ['offline', 'online']);
  assert.is(snap.runtimes[0]!.error, 'no answer within 300 ms');
  assert.is((snap.runtimes[0]!.katalog as { name: string }).name, 'starter', 'the last katalog is kept');
});

test('answers that are not a runtime /katalog make the runtime offline with the reason', async () => {
  const s = await stub();
  const cases: [Parameters<typeof s.routes.set>[1], RegExp][] = [
    [{ status: 500, body: { error: 'internal' } }, /^GET \/katalog answered 500$/],
    [{ raw: '<html>' }, /^answered 200 with a body that is not JSON$/],
    [{ body: { hello: 'world' } }, /^not an Orkestra runtime's \/katalog answer/],
  ];
  for (const [answer, message] of cases) {
    s.routes.set('/katalog', answer);
    const snap = await new Poller({ urls: [s.url], refreshMs: 1000, requestTimeoutMs: 1000, clock: fakeClock() }).pass();
    assert.is(snap.runtimes[0]!.status, 'offline');
    assert.match(snap.runtimes[0]!.error ?? '', message);
  }
});

test('an advertised gateway is polled for its stats; an unreachable one is shown offline', async () => {
  const rt = await stub();
  const gw = await stub();
  gw.routes.set('/katalog', { body: { component: 'gateway', deletionProtection: { total: 4 } } });
  rt.routes.set('/katalog', { body: katalogBody(true, { gatewayEndpoint: `${gw.url}/` }) });
  let snap = await new Poller({ urls: [rt.url], refreshMs: 1000, requestTimeoutMs: 1000, clock: fakeClock() }).pass();
  assert.equal(snap.runtimes[0]!.gateway, { endpoint: `${gw.url}/`, status: 'online', stats: { component: 'gateway', deletionProtection: { total: 4 } } });
  rt.routes.set('/katalog', { body: katalogBody(true, { gatewayEndpoint: 'http://127.0.0.1:1' }) });
  snap = await new Poller({ urls: [rt.url], refreshMs: 1000, requestTimeoutMs: 1000, clock: fakeClock() }).pass();
  assert.is(snap.runtimes[0]!.status, 'online', 'a gateway down does not take its runtime with it');
  assert.equal([snap.runtimes[0]!.gateway?.status, /ECONNREFUSED/.test(snap.runtimes[0]!.gateway?.error ?? '')], ['offline', true]);
});

test('run passes every refresh interval until aborted', async () => {
  const s = await stub();
  s.routes.set('/katalog', { body: katalogBody(true) });
  const poller = new Poller({ urls: [s.url], refreshMs: 100, requestTimeoutMs: 1000, clock: { now: () => Date.now() } });
  const abort = new AbortController();
  const running = poller.run(abort.signal);
  await new Promise((resolve) => setTimeout(resolve, 450));
  abort.abort();
  await running;
  assert.ok(poller.passes() >= 2 && poller.passes() <= 6, `passes: ${poller.passes()}`);
});

test.run();

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { KatalogAnswer, KatalogFacts, PollResult, RuntimeState } from './model.ts';
import { initialRuntimeState, sampleOf, stepRuntimeState, trimHistory } from './step-runtime-state.ts';

const test = suite('stepRuntimeState');
const POLICY = { historyMs: 15 * 60_000, leaderStaleMs: 30_000 };
const T0 = Date.UTC(2026, 10, 24, 7, 0, 0);

function answer(isLeader: boolean, over: Partial<KatalogFacts> = {}, tag = 'x'): KatalogAnswer {
  const facts: KatalogFacts = {
    isLeader, ready: true,
    crds: [
      { name: 'website', enabled: true, state: 'healthy', resourceCount: 2, queueDepth: 1, totalReconciles: 10, errorRate: 0.2, workers: 2 },
      { name: 'off', enabled: false, state: 'not-started', resourceCount: 0, queueDepth: 7, totalReconciles: 99, errorRate: 1 },
    ],
    ...over,
  };
  return { facts, body: { tag, isLeader } };
}
const ok = (a: KatalogAnswer): PollResult => ({ type: 'answer', katalog: a });
const fail: PollResult = { type: 'error', message: 'connect ECONNREFUSED 127.0.0.1:1' };
const start = initialRuntimeState('r0', 'http://rt:8080');

// [name, previous, poll, nowMs, expected status, expected katalog tag, expected error]
const cases: [string, RuntimeState, PollResult, number, RuntimeState['status'], string | undefined, string | undefined][] = [
  ['a leader answer makes a new runtime online', start, ok(answer(true, {}, 'L1')), T0, 'online', 'L1', undefined],
  ['a leader that is not ready yet is starting', start, ok(answer(true, { ready: false }, 'L1')), T0, 'starting', 'L1', undefined],
  ['a follower answer with nothing cached is used, starting', start, ok(answer(false, {}, 'F1')), T0, 'starting', 'F1', undefined],
  ['an error before any answer is offline without data', start, fail, T0, 'offline', undefined, 'connect ECONNREFUSED 127.0.0.1:1'],
];
for (const [name, previous, poll, now, status, tag, error] of cases) {
  test(name, () => {
    const next = stepRuntimeState(previous, poll, now, POLICY);
    assert.is(next.status, status);
    assert.is((next.katalog?.body as { tag?: string } | undefined)?.tag, tag);
    assert.is(next.error, error);
    assert.is(next.id, 'r0');
  });
}

test('a follower answer does not replace a fresh leader answer; a stale one it does', () => {
  const led = stepRuntimeState(start, ok(answer(true, {}, 'L1')), T0, POLICY);
  const fresh = stepRuntimeState(led, ok(answer(false, {}, 'F1')), T0 + 10_000, POLICY);
  assert.is(fresh.status, 'online');
  assert.is((fresh.katalog?.body as { tag: string }).tag, 'L1');
  assert.is(fresh.lastSeenMs, T0 + 10_000);
  assert.is(fresh.leaderAtMs, T0);
  const stale = stepRuntimeState(fresh, ok(answer(false, {}, 'F2')), T0 + 30_001, POLICY);
  assert.is(stale.status, 'starting');
  assert.is((stale.katalog?.body as { tag: string }).tag, 'F2');
  assert.is(stale.leaderAtMs, undefined);
});

test('an error keeps the last data and lastSeen, marked offline; the next answer clears the error', () => {
  const led = stepRuntimeState(start, ok(answer(true, {}, 'L1')), T0, POLICY);
  const down = stepRuntimeState(led, fail, T0 + 10_000, POLICY);
  assert.is(down.status, 'offline');
  assert.is((down.katalog?.body as { tag: string }).tag, 'L1');
  assert.is(down.lastSeenMs, T0);
  assert.is(down.history.length, 1);
  const back = stepRuntimeState(down, ok(answer(true, {}, 'L2')), T0 + 20_000, POLICY);
  assert.is(back.status, 'online');
  assert.is(back.error, undefined);
  assert.ok(!('error' in back));
});

test('only leader answers add samples; the gateway view comes from the latest poll', () => {
  const gateway = { endpoint: 'http://gw:8080', status: 'online' as const, stats: { total: 1 } };
  let s = stepRuntimeState(start, { type: 'answer', katalog: answer(true), gateway }, T0, POLICY);
  s = stepRuntimeState(s, ok(answer(false)), T0 + 1000, POLICY);
  s = stepRuntimeState(s, ok(answer(true)), T0 + 2000, POLICY);
  assert.equal(s.history.map((h) => h.atMs), [T0, T0 + 2000]);
  assert.is(s.gateway, undefined);
});

test('history keeps the last window only, oldest first', () => {
  let s = start;
  for (let i = 0; i <= 20; i++) s = stepRuntimeState(s, ok(answer(true)), T0 + i * 60_000, POLICY);
  assert.is(s.history.length, 15);
  assert.is(s.history[0]!.atMs, T0 + 6 * 60_000);
  assert.is(s.history.at(-1)!.atMs, T0 + 20 * 60_000);
});

test('sampleOf sums enabled CRDs and counts errors from the error rate', () => {
  assert.equal(sampleOf(answer(true).facts, T0), {
    atMs: T0, queueDepth: 1, totalReconciles: 10, errors: 2, crds: { website: { queueDepth: 1, totalReconciles: 10 } },
  });
});

const trims: [number[], number, number[]][] = [
  [[], 100, []],
  [[10, 20, 30], 100, [10, 20, 30]],
  [[10, 20, 30], 120, [30]],
  [[10, 20, 30], 200, []],
];
for (const [at, now, want] of trims) {
  test(`trimHistory ${JSON.stringify(at)} at ${now} (window 100)`, () => {
    const samples = at.map((atMs) => ({ atMs, queueDepth: 0, totalReconciles: 0, errors: 0, crds: {} }));
    assert.equal(trimHistory(samples, now, 100).map((x) => x.atMs), want);
  });
}

test.run();

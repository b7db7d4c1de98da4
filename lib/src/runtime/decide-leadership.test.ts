import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { checkLeaderElectionConfig, decideLeadership, trackLease, type LeadershipInput, type ObservedLease } from './decide-leadership.ts';

const test = suite('decide-leadership');

const CONFIG = { leaseDurationMs: 15_000, renewDeadlineMs: 10_000, retryPeriodMs: 2000 };
const T0 = Date.UTC(2026, 10, 24, 1, 2, 3, 123);
const ME = 'runtime-0_ab12';
const OTHER = 'runtime-1_cd34';
const MT0 = '2026-11-24T01:02:03.123000Z';

function input(lease: ObservedLease | undefined, extra: Partial<LeadershipInput> = {}): LeadershipInput {
  return { identity: ME, nowMs: T0, config: CONFIG, lease, observedChangeMs: T0, ...extra };
}

const held: ObservedLease = { holderIdentity: OTHER, leaseDurationSeconds: 15, acquireTime: '2026-11-24T00:00:00.000000Z', renewTime: '2026-11-24T01:02:00.000000Z', leaseTransitions: 4, resourceVersion: '77' };

test('no Lease: create it as holder with MicroTime stamps and no transitions', () => {
  assert.equal(decideLeadership(input(undefined)), {
    type: 'acquire', write: 'create', nextCheckMs: T0 + 2000,
    lease: { holderIdentity: ME, leaseDurationSeconds: 15, acquireTime: MT0, renewTime: MT0, leaseTransitions: 0 },
  });
});

const waits: [name: string, observedChangeMs: number, nowMs: number, expect: 'wait' | 'acquire'][] = [
  ['a lease just seen changing is respected', T0, T0, 'wait'],
  ['one ms before a full lease duration without change: wait', T0, T0 + 14_999, 'wait'],
  ['a full lease duration without change on our clock: take over', T0, T0 + 15_000, 'acquire'],
  ['an old-looking renewTime alone does not count (restart waits a full duration)', T0 + 10_000, T0 + 20_000, 'wait'],
];
for (const [name, observedChangeMs, nowMs, expect] of waits) {
  test(name, () => assert.is(decideLeadership(input(held, { observedChangeMs, nowMs })).type, expect));
}

test('taking over updates with the resourceVersion and counts a transition', () => {
  const d = decideLeadership(input(held, { nowMs: T0 + 15_000 }));
  assert.equal(d, {
    type: 'acquire', write: 'update', resourceVersion: '77', nextCheckMs: T0 + 17_000,
    lease: { holderIdentity: ME, leaseDurationSeconds: 15, acquireTime: '2026-11-24T01:02:18.123000Z', renewTime: '2026-11-24T01:02:18.123000Z', leaseTransitions: 5 },
  });
});

test('a released Lease (empty holder) is taken at once', () => {
  assert.is(decideLeadership(input({ ...held, holderIdentity: '' })).type, 'acquire');
});

test('the holder renews, keeping acquireTime and the transition count', () => {
  const mine = { ...held, holderIdentity: ME };
  assert.equal(decideLeadership(input(mine, { lastRenewMs: T0 - 2000 })), {
    type: 'renew', resourceVersion: '77', nextCheckMs: T0 + 2000,
    lease: { holderIdentity: ME, leaseDurationSeconds: 15, acquireTime: '2026-11-24T00:00:00.000000Z', renewTime: MT0, leaseTransitions: 4 },
  });
});

test('a leader that could not renew for renewDeadline steps down', () => {
  const mine = { ...held, holderIdentity: ME };
  assert.is(decideLeadership(input(mine, { lastRenewMs: T0 - 9999 })).type, 'renew');
  assert.equal(decideLeadership(input(mine, { lastRenewMs: T0 - 10_000 })), { type: 'step-down', reason: 'renew-deadline', nextCheckMs: T0 + 2000 });
});

test('a leader that finds another holder steps down at once', () => {
  assert.equal(decideLeadership(input(held, { lastRenewMs: T0 - 1000 })).type, 'step-down');
});

test('a candidate watching a live holder looks every retryPeriod, without jitter', () => {
  assert.equal(decideLeadership(input(held, { jitter: 0.5 })), { type: 'wait', nextCheckMs: T0 + 2000 });
});

test('... and exactly when the lease would expire, if that comes first', () => {
  assert.equal(decideLeadership(input(held, { observedChangeMs: T0 - 14_500, jitter: 0.9 })), { type: 'wait', nextCheckMs: T0 + 500 });
});

test('a leader stepping down retries after retryPeriod × (1 + 1.2 × jitter)', () => {
  assert.equal(decideLeadership(input(held, { lastRenewMs: T0 - 1000, jitter: 0.5 })), { type: 'step-down', reason: 'lost-lease', nextCheckMs: T0 + 3200 });
});

test('release on shutdown: empty holder, 1 s lease, transitions kept; nothing to release otherwise', () => {
  const mine = { ...held, holderIdentity: ME };
  assert.equal(decideLeadership(input(mine, { releasing: true, lastRenewMs: T0 })), {
    type: 'release', resourceVersion: '77',
    lease: { holderIdentity: '', leaseDurationSeconds: 1, acquireTime: MT0, renewTime: MT0, leaseTransitions: 4 },
  });
  assert.is(decideLeadership(input(held, { releasing: true })).type, 'wait');
});

test('trackLease moves observedChangeMs only when the record changes', () => {
  const a = trackLease(undefined, held, 100);
  assert.is(a.observedChangeMs, 100);
  assert.is(trackLease(a, { ...held, resourceVersion: '78' }, 200).observedChangeMs, 100, 'a new resourceVersion alone is no renewal');
  assert.is(trackLease(a, { ...held, renewTime: '2026-11-24T01:02:02.000000Z' }, 300).observedChangeMs, 300);
  assert.is(trackLease(a, undefined, 400).observedChangeMs, 400);
});

const configs: [name: string, lease: number, renew: number, retry: number, problems: number][] = [
  ['defaults', 15_000, 10_000, 2000, 0],
  ['renewDeadline equal to leaseDuration', 10_000, 10_000, 2000, 1],
  ['renewDeadline at retryPeriod × 1.2', 15_000, 2400, 2000, 1],
  ['zero retryPeriod', 15_000, 10_000, 0, 1],
];
for (const [name, lease, renew, retry, problems] of configs) {
  test(`config ${name}: ${problems} problem(s)`, () => {
    assert.is(checkLeaderElectionConfig({ leaseDurationMs: lease, renewDeadlineMs: renew, retryPeriodMs: retry }).length, problems);
  });
}

test.run();

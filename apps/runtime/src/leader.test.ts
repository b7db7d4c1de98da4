import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { RUNTIME_LEASE_NAME } from '@orkestra/lib/runtime';
import { fakeClock, fakeCluster, fixedEntropy } from '@orkestra/lib/testing';
import { LEASE_RESOURCE, LeaderElector } from './leader.ts';
import { createLogger } from '@orkestra/adapters/process';

const test = suite('LeaderElector');
const config = { leaseDurationMs: 15_000, renewDeadlineMs: 10_000, retryPeriodMs: 5_000 };

function setup() {
  const clock = fakeClock(Date.UTC(2026, 10, 24, 1, 2, 3) + 0.5);
  const cluster = fakeCluster({ clock });
  const log = createLogger('error', clock, () => {});
  const changes: string[] = [];
  const elector = (identity: string) => new LeaderElector({
    cluster, namespace: 'ops', identity, config, clock, entropy: fixedEntropy(0), log, onChange: (leading) => changes.push(`${identity}:${leading}`),
  });
  const lease = async () => {
    const r = await cluster.get({ resource: LEASE_RESOURCE, namespace: 'ops', name: RUNTIME_LEASE_NAME });
    return r.ok ? (r.value['spec'] as Record<string, unknown>) : undefined;
  };
  return { clock, elector, changes, lease };
}

test('the first candidate creates the Lease and leads; MicroTime has six fractional digits', async () => {
  const { elector, changes, lease } = setup();
  const a = elector('a');
  await a.tick();
  assert.ok(a.isLeader());
  assert.equal(changes, ['a:true']);
  const spec = await lease();
  assert.is(spec?.['holderIdentity'], 'a');
  assert.is(spec?.['leaseDurationSeconds'], 15);
  assert.match(String(spec?.['renewTime']), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
});

test('a second candidate waits while the Lease is renewed, takes over when it expires, and the old leader steps down', async () => {
  const { clock, elector, changes, lease } = setup();
  const a = elector('a'), b = elector('b');
  await a.tick();
  await b.tick();
  assert.not.ok(b.isLeader());
  clock.advance(5_000);
  await a.tick();
  await b.tick();
  assert.not.ok(b.isLeader());
  clock.advance(16_000);
  await b.tick();
  assert.ok(b.isLeader());
  assert.is((await lease())?.['leaseTransitions'], 1);
  await a.tick();
  assert.not.ok(a.isLeader());
  assert.equal(changes, ['a:true', 'b:true', 'a:false']);
});

test('release empties the holder so the next candidate takes over at once', async () => {
  const { elector, changes, lease } = setup();
  const a = elector('a'), b = elector('b');
  await a.tick();
  await a.release();
  assert.not.ok(a.isLeader());
  const spec = await lease();
  assert.is(spec?.['holderIdentity'], '');
  assert.is(spec?.['leaseDurationSeconds'], 1);
  await b.tick();
  assert.ok(b.isLeader());
  assert.equal(changes, ['a:true', 'a:false', 'b:true']);
});

test.run();

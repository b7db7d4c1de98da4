import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { canStart, healthHttpStatus, initialHealth, overallHttpStatus, stepHealth, type CrdHealth, type HealthEvent, type HealthState } from './crd-health.ts';

const test = suite('crd-health');

const fail: HealthEvent = { type: 'reconcile-failed', message: 'boom' };
const ok: HealthEvent = { type: 'reconcile-succeeded' };

function run(events: readonly HealthEvent[], threshold = 3): CrdHealth {
  return events.reduce((h, e, i) => stepHealth(h, e, 100 + i, threshold), initialHealth(0));
}

const table: [name: string, events: HealthEvent[], state: HealthState, failures: number][] = [
  ['a new controller is not started', [], 'not-started', 0],
  ['a missing CRD is waited for', [{ type: 'crd-missing' }], 'waiting-for-crd', 0],
  ['unmet dependencies are waited for', [{ type: 'dependencies-unmet', waitingFor: [{ name: 'db', condition: 'healthy' }] }], 'waiting-for-dependency', 0],
  ['started is pending until a reconcile finishes', [{ type: 'started' }], 'pending', 0],
  ['the first success makes it healthy', [{ type: 'started' }, ok], 'healthy', 0],
  ['failures below the threshold keep the state', [{ type: 'started' }, ok, fail, fail], 'healthy', 2],
  ['failures below the threshold keep pending', [{ type: 'started' }, fail], 'pending', 1],
  ['threshold consecutive failures degrade it', [{ type: 'started' }, ok, fail, fail, fail], 'degraded', 3],
  ['a success in between resets the count', [{ type: 'started' }, fail, fail, ok, fail, fail], 'healthy', 2],
  ['the first success after degraded makes it healthy', [{ type: 'started' }, fail, fail, fail, ok], 'healthy', 0],
  ['reconcile results before start are ignored', [fail, fail, fail, ok], 'not-started', 0],
  ['stopping (lost leadership or shutdown) resets', [{ type: 'started' }, fail, fail, fail, { type: 'stopped' }], 'not-started', 0],
];
for (const [name, events, state, failures] of table) {
  test(name, () => {
    const h = run(events);
    assert.is(h.state, state);
    assert.is(h.consecutiveFailures, failures);
  });
}

const forbid = (resource: string): HealthEvent => ({ type: 'watch-forbidden', resource, message: 'services is forbidden' });
const allow = (resource: string): HealthEvent => ({ type: 'watch-allowed', resource });
const watchTable: [name: string, events: HealthEvent[], state: HealthState][] = [
  ['a forbidden watch degrades a pending CRD at once', [{ type: 'started' }, forbid('services')], 'degraded'],
  ['a forbidden watch degrades a healthy CRD', [{ type: 'started' }, ok, forbid('services')], 'degraded'],
  ['a success does not heal a forbidden watch', [{ type: 'started' }, forbid('services'), ok], 'degraded'],
  ['the watch allowed again: pending until the next reconcile', [{ type: 'started' }, ok, forbid('services'), allow('services')], 'pending'],
  ['then a success makes it healthy', [{ type: 'started' }, forbid('services'), allow('services'), ok], 'healthy'],
  ['one of two forbidden watches allowed: still degraded', [{ type: 'started' }, forbid('services'), forbid('websites'), allow('services')], 'degraded'],
  ['allowed watches leave failure-degraded as it is', [{ type: 'started' }, fail, fail, fail, forbid('services'), allow('services')], 'degraded'],
  ['watch events before start are ignored', [forbid('services')], 'not-started'],
  ['an allow without a forbid changes nothing', [{ type: 'started' }, ok, allow('services')], 'healthy'],
  ['stopping forgets forbidden watches', [{ type: 'started' }, forbid('services'), { type: 'stopped' }, { type: 'started' }, ok], 'healthy'],
];
for (const [name, events, state] of watchTable) test(name, () => assert.is(run(events).state, state));

test('a forbidden watch is named in lastError and listed once', () => {
  const h = run([{ type: 'started' }, forbid('services'), forbid('services'), forbid('configmaps')]);
  assert.equal(h.forbiddenWatches, ['configmaps', 'services']);
  assert.is(h.lastError, 'list/watch configmaps forbidden: services is forbidden');
  assert.is(h.consecutiveFailures, 0);
  assert.not.ok('forbiddenWatches' in run([{ type: 'started' }, forbid('services'), allow('services')]));
});

test('threshold 1 degrades on the first failure and the error is kept', () => {
  const h = run([{ type: 'started' }, fail], 1);
  assert.equal(h, { state: 'degraded', consecutiveFailures: 1, sinceMs: 101, lastError: 'boom' });
});

test('sinceMs moves only when the state changes', () => {
  const h = run([{ type: 'started' }, ok, ok, fail]);
  assert.is(h.sinceMs, 101);
});

const http: [HealthState, number][] = [
  ['healthy', 200], ['pending', 200], ['degraded', 503], ['not-started', 503], ['waiting-for-crd', 503], ['waiting-for-dependency', 503],
];
for (const [state, code] of http) test(`${state} answers ${code}`, () => assert.is(healthHttpStatus(state), code));

test('overall health is 503 when any CRD is', () => {
  assert.is(overallHttpStatus(['healthy', 'pending']), 200);
  assert.is(overallHttpStatus(['healthy', 'degraded']), 503);
  assert.is(overallHttpStatus([]), 200);
});

const deps: [condition: 'started' | 'healthy', dep: HealthState | undefined, start: boolean][] = [
  ['started', 'pending', true], ['started', 'degraded', true], ['started', 'waiting-for-crd', false], ['started', 'not-started', false],
  ['healthy', 'healthy', true], ['healthy', 'pending', false], ['healthy', 'degraded', false], ['healthy', undefined, true],
];
for (const [condition, dep, start] of deps) {
  test(`dependsOn ${condition} with the dependency ${dep ?? 'disabled'}: ${start ? 'start' : 'wait'}`, () => {
    const d = canStart({ dependsOn: [{ name: 'db', condition }] }, (n) => (n === 'db' ? dep : undefined));
    assert.equal(d, start ? { type: 'start' } : { type: 'wait', waitingFor: [{ name: 'db', condition }] });
  });
}

test.run();

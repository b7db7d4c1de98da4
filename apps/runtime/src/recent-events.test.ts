import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { RecentEvents } from './recent-events.ts';

const test = suite('RecentEvents');
const T0 = Date.UTC(2026, 10, 24, 7, 0, 0);
const ok = { type: 'Normal' as const, reason: 'Reconciled', note: 'ready', action: 'Reconcile' };
const failed = { type: 'Warning' as const, reason: 'ReconcileError', note: 'apply failed', action: 'Reconcile' };

test('newest first, with RFC 3339 times; repeats of the newest fold into its count', () => {
  const events = new RecentEvents();
  events.record('shop/site', ok, T0);
  events.record('shop/site', failed, T0 + 1000);
  events.record('shop/site', failed, T0 + 2000);
  assert.equal(events.of('shop/site'), [
    { ...failed, at: '2026-11-24T07:00:02Z', count: 2 },
    { ...ok, at: '2026-11-24T07:00:00Z', count: 1 },
  ]);
  assert.equal(events.of('shop/other'), []);
});

test('an equal Event that is not the newest starts a new entry', () => {
  const events = new RecentEvents();
  for (const [i, e] of [ok, failed, ok].entries()) events.record('k', e, T0 + i * 1000);
  assert.equal(events.of('k').map((e) => [e.reason, e.count]), [['Reconciled', 1], ['ReconcileError', 1], ['Reconciled', 1]]);
});

test('bounded per CR, oldest dropped; a deleted CR is forgotten', () => {
  const events = new RecentEvents(3);
  for (let i = 0; i < 5; i++) events.record('k', { ...ok, note: `n${i}` }, T0 + i * 1000);
  events.record('other', ok, T0);
  assert.equal(events.of('k').map((e) => e.note), ['n4', 'n3', 'n2']);
  events.forget('k');
  assert.equal(events.of('k'), []);
  assert.is(events.size(), 1);
});

test.run();

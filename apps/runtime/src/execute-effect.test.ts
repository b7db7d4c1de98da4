import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { FINALIZER, type CachedCr } from '@orkestra/lib/runtime';
import { fakeClock, fakeCluster, fixedEntropy } from '@orkestra/lib/testing';
import { EVENTS_RESOURCE, describeFailure, executeEffect } from './execute-effect.ts';

const test = suite('executeEffect');
const SITES = { group: 'demo.orkestra.io', version: 'v1alpha1', resource: 'websites', namespaced: true };
const nowMs = Date.UTC(2026, 10, 24, 1, 2, 3);

async function setup() {
  const cluster = fakeCluster({ clock: fakeClock(nowMs) });
  const created = await cluster.create(SITES, { apiVersion: 'demo.orkestra.io/v1alpha1', kind: 'Website', metadata: { name: 'site', namespace: 'web' }, spec: {} });
  if (!created.ok) throw new Error(created.error.message);
  const cr = { ...created.value, apiVersion: 'demo.orkestra.io/v1alpha1', kind: 'Website' } as CachedCr;
  return { cluster, cr, ctx: { cluster, crResource: SITES, cr, nowMs, entropy: fixedEntropy(0.5), instance: 'pod-1' } };
}

test('a finalizer patch carries the resourceVersion, and a stale one conflicts', async () => {
  const { cluster, cr, ctx } = await setup();
  const effect = { type: 'addFinalizer', finalizers: [FINALIZER], resourceVersion: cr.metadata.resourceVersion! } as const;
  assert.ok((await executeEffect(effect, ctx)).ok);
  const r = await cluster.get({ resource: SITES, namespace: 'web', name: 'site' });
  assert.equal(r.ok && r.value.metadata.finalizers, [FINALIZER]);
  const stale = await executeEffect(effect, ctx);
  assert.is(!stale.ok && stale.error.type, 'conflict');
  assert.match(describeFailure(effect, !stale.ok ? stale.error : { type: 'invalid', message: '' }), /^addFinalizer failed \(conflict/);
});

test('an Event is an events.k8s.io/v1 Event regarding the CR, with a MicroTime', async () => {
  const { cluster, ctx } = await setup();
  const r = await executeEffect({ type: 'event', eventType: 'Normal', reason: 'Reconciled', action: 'Reconcile', note: 'applied' }, ctx);
  assert.ok(r.ok);
  const list = await cluster.list(EVENTS_RESOURCE, { namespace: 'web' });
  const event = list.ok ? list.value.items[0] : undefined;
  assert.is(event?.metadata.name, 'site.800000000000');
  assert.is(event?.['eventTime'], '2026-11-24T01:02:03.000000Z');
  assert.is(event?.['reportingInstance'], 'pod-1');
  assert.equal(event?.['regarding'], { apiVersion: 'demo.orkestra.io/v1alpha1', kind: 'Website', name: 'site', namespace: 'web', uid: ctx.cr.metadata.uid, resourceVersion: ctx.cr.metadata.resourceVersion });
});

test('deleting a child that is already gone counts as done', async () => {
  const { ctx } = await setup();
  const r = await executeEffect({ type: 'delete', key: 'k', resource: { group: '', version: 'v1', resource: 'configmaps', namespaced: true }, namespace: 'other', name: 'gone', reason: 'owner-deleted' }, ctx);
  assert.ok(r.ok);
});

test.run();

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { childKey } from './child-key.ts';
import { FINALIZER } from './names.ts';
import { planReconcile } from './plan-reconcile.ts';
import { crdFrom, execute, websiteCr, type FakeWorld } from './runtime.test.fixture.ts';

const test = suite('plan-deletion');

const CRD = crdFrom(`      operatorBox:
        onReconcile:
          deployments:
            - image: nginx
          namespaces:
            - name: "{{ .metadata.name }}-sandbox"
          configMaps:
            - name: shared-config
              namespace: shared
              data: {a: b}
`);
const NOW = Date.UTC(2026, 10, 24, 1, 2, 3);
const SANDBOX = childKey({ group: '', resource: 'namespaces' }, undefined, 'web-sandbox');
const SHARED = childKey({ group: '', resource: 'configmaps' }, 'shared', 'shared-config');

function reconciled(): FakeWorld {
  const w: FakeWorld = { cr: websiteCr({}), observed: new Map(), lastApplied: new Map(), writes: 0 };
  execute(w, planReconcile({ crd: CRD, cr: w.cr, observedChildren: w.observed, nowMs: NOW }).effects);
  w.cr = { ...w.cr, metadata: { ...w.cr.metadata, deletionTimestamp: '2026-11-24T02:00:00Z', finalizers: ['other/keep', FINALIZER] } };
  return w;
}

const plan = (w: FakeWorld) => planReconcile({ crd: CRD, cr: w.cr, observedChildren: w.observed, nowMs: NOW });

test('deletion deletes unreachable children, requeues, and leaves owned ones to the garbage collector', () => {
  const w = reconciled();
  const p = plan(w);
  assert.equal(p.effects.map((e) => (e.type === 'delete' ? `delete ${e.key} ${e.reason}` : e.type)), [
    `delete ${SHARED} owner-deleted`, `delete ${SANDBOX} owner-deleted`, 'event',
  ]);
  assert.equal(p.outcome, { type: 'requeue', afterMs: 2000 });
});

test('children still terminating are waited for without a second delete', () => {
  const w = reconciled();
  for (const [k, c] of w.observed) w.observed.set(k, { ...c, metadata: { ...c.metadata, deletionTimestamp: '2026-11-24T02:00:01Z' } });
  const p = plan(w);
  assert.equal(p.effects, []);
  assert.equal(p.outcome, { type: 'requeue', afterMs: 2000 });
});

test('once they are gone only our finalizer is removed, guarded by resourceVersion', () => {
  const w = reconciled();
  execute(w, plan(w).effects);
  const p = plan(w);
  assert.equal(p.effects, [{ type: 'removeFinalizer', finalizers: ['other/keep'], resourceVersion: '1' }]);
  assert.equal(p.outcome, { type: 'done' });
  execute(w, p.effects);
  assert.equal(plan(w), { effects: [], outcome: { type: 'done' } }, 'nothing left to do without our finalizer');
});

test('a cluster-scoped CR owns all its children, so deletion only drops the finalizer', () => {
  const crd = { ...CRD, scope: 'Cluster' as const };
  const cr = websiteCr({}, { namespace: undefined, deletionTimestamp: '2026-11-24T02:00:00Z', finalizers: [FINALIZER] });
  const observed = new Map([[SANDBOX, { resource: { group: '', version: 'v1', resource: 'namespaces', namespaced: false }, metadata: { name: 'web-sandbox', annotations: { 'orkestra.orkspace.io/owner-key': 'websites.demo.orkestra.io:web' } } }]]);
  const p = planReconcile({ crd, cr, observedChildren: observed, nowMs: NOW });
  assert.equal(p.effects.map((e) => e.type), ['removeFinalizer']);
});

test.run();

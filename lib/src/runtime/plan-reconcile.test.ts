import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { childKey } from './child-key.ts';
import { APPLIED_HASH_ANNOTATION, FINALIZER, OWNER_KEY_ANNOTATION } from './names.ts';
import { planReconcile, planReconcileFailure } from './plan-reconcile.ts';
import type { CachedCr, Effect } from './reconcile-types.ts';
import { crdFrom, execute, makeHealthy, websiteCr, type FakeWorld } from './runtime.test.fixture.ts';

const test = suite('plan-reconcile');

const CRD = crdFrom(`      operatorBox:
        default: true
        onCreate:
          configMaps:
            - name: "{{ .metadata.name }}-seed"
              data: {greeting: hello}
        onReconcile:
          deployments:
            - image: "{{ .spec.image }}"
              replicas: "{{ .spec.replicas }}"
          namespaces:
            - name: "{{ .metadata.name }}-sandbox"
              when: [{field: spec.sandbox, operator: equals, value: "true"}]
        status:
          fields:
            - {path: url, value: "http://{{ .metadata.name }}", type: string}
            - {path: replicas, value: "{{ .spec.replicas }}", type: int}
`);

const NOW = Date.UTC(2026, 10, 24, 1, 2, 3);
const DEPLOY = childKey({ group: 'apps', resource: 'deployments' }, 'team-a', 'web-deployment');
const SEED = childKey({ group: '', resource: 'configmaps' }, 'team-a', 'web-seed');
const SANDBOX = childKey({ group: '', resource: 'namespaces' }, undefined, 'web-sandbox');

function world(cr: CachedCr): FakeWorld {
  return { cr, observed: new Map(), lastApplied: new Map(), writes: 0 };
}

function step(w: FakeWorld, nowMs = NOW, lastApplied: Map<string, string> = w.lastApplied) {
  const restarted = lastApplied !== w.lastApplied;
  const plan = planReconcile({
    crd: CRD, cr: w.cr, observedChildren: w.observed, nowMs, lastApplied,
    ...(!restarted && w.driftApplied ? { driftApplied: w.driftApplied } : {}), ...(!restarted && w.lastReady ? { lastReady: w.lastReady } : {}),
  });
  execute(w, plan.effects);
  return plan;
}

const types = (effects: readonly Effect[]) => effects.map((e) => (e.type === 'apply' || e.type === 'delete' ? `${e.type} ${e.key}` : e.type));

test('first reconcile: finalizer, every child, status, one Normal event, in that order', () => {
  const w = world(websiteCr({ image: 'nginx', replicas: 2, sandbox: 'true' }));
  const plan = step(w);
  // Apply order (apply-order.ts): the Namespace before the ConfigMap before the Deployment.
  assert.equal(types(plan.effects), ['addFinalizer', `apply ${SANDBOX}`, `apply ${SEED}`, `apply ${DEPLOY}`, 'patchStatus', 'event']);
  assert.equal(plan.outcome, { type: 'done' });
  const add = plan.effects[0]!;
  assert.equal(add.type === 'addFinalizer' && add, { type: 'addFinalizer', finalizers: [FINALIZER], resourceVersion: '1' });
});

test('applied children carry owner reference (where ownable), owner key and hash; field manager orkestra-runtime', () => {
  const w = world(websiteCr({ image: 'nginx', replicas: 2, sandbox: 'true' }));
  const plan = step(w);
  const applies = plan.effects.filter((e) => e.type === 'apply');
  for (const a of applies) {
    assert.is(a.fieldManager, 'orkestra-runtime');
    assert.is(a.force, true);
    assert.is(a.object.metadata.annotations?.[APPLIED_HASH_ANNOTATION], a.fingerprint);
    assert.is(a.object.metadata.annotations?.[OWNER_KEY_ANNOTATION], 'websites.demo.orkestra.io:team-a/web');
  }
  const deploy = applies.find((a) => a.key === DEPLOY)!;
  assert.equal(deploy.object.metadata['ownerReferences'], [{ apiVersion: 'demo.orkestra.io/v1', kind: 'Website', name: 'web', uid: 'uid-1', controller: true, blockOwnerDeletion: true }]);
  assert.equal(deploy.resource, { group: 'apps', version: 'v1', resource: 'deployments', namespaced: true });
  const ns = applies.find((a) => a.key === SANDBOX)!;
  assert.is(ns.object.metadata['ownerReferences'], undefined, 'a namespaced CR cannot own a Namespace');
});

test('status: Ready from the children (the Deployment just applied has no status yet), Applied True, observedGeneration on both levels, fields typed', () => {
  const w = world(websiteCr({ image: 'nginx', replicas: '3' }, { generation: 4 }));
  const plan = step(w);
  const status = plan.effects.find((e) => e.type === 'patchStatus');
  assert.equal(status?.type === 'patchStatus' && status.status, {
    conditions: [
      { type: 'Ready', status: 'False', reason: 'ChildrenNotReady', message: 'Deployment web-deployment: Replicas: 0/3', lastTransitionTime: '2026-11-24T01:02:03Z', observedGeneration: 4 },
      { type: 'Applied', status: 'True', reason: 'ApplySucceeded', message: '2 children applied', lastTransitionTime: '2026-11-24T01:02:03Z', observedGeneration: 4 },
    ],
    observedGeneration: 4,
    url: 'http://web',
    replicas: 3,
  });
});

const convergence: [name: string, spec: Record<string, unknown>][] = [
  ['with a cluster-scoped child', { image: 'nginx', replicas: 2, sandbox: 'true' }],
  ['without it', { image: 'nginx', replicas: 1 }],
];
for (const [name, spec] of convergence) {
  test(`converged CR (${name}) costs zero writes on resync and after a restart`, () => {
    const w = world(websiteCr(spec));
    step(w);
    const before = w.writes;
    assert.equal(step(w, NOW + 30_000).effects, [], 'resync');
    assert.equal(step(w, NOW + 60_000, new Map()).effects, [], 'restart: lastApplied empty, the annotation decides');
    assert.is(w.writes, before);
  });
}

test('Ready turns True once the Deployment is available: one status patch and one Ready Event, then nothing', () => {
  const w = world(websiteCr({ image: 'nginx', replicas: 2 }));
  step(w);
  makeHealthy(w);
  const plan = step(w, NOW + 5000);
  assert.equal(types(plan.effects), ['patchStatus', 'event']);
  const ready = (w.cr.status as { conditions: Record<string, unknown>[] }).conditions[0]!;
  assert.equal([ready['status'], ready['reason'], ready['message'], ready['lastTransitionTime']], ['True', 'ReconcileSucceeded', '2 children ready', '2026-11-24T01:02:08Z']);
  const event = plan.effects[1]!;
  assert.equal(event.type === 'event' && [event.eventType, event.reason, event.note], ['Normal', 'Ready', '2 children ready']);
  assert.equal(step(w, NOW + 9000).effects, []);
});

test('a spec change re-applies only the children it changes and moves observedGeneration, not lastTransitionTime', () => {
  const w = world(websiteCr({ image: 'nginx', replicas: 1 }));
  step(w);
  makeHealthy(w);
  step(w);
  w.cr = { ...w.cr, metadata: { ...w.cr.metadata, generation: 2 }, spec: { image: 'nginx:2', replicas: 1 } };
  const plan = step(w, NOW + 5000);
  assert.equal(types(plan.effects), [`apply ${DEPLOY}`, 'patchStatus', 'event']);
  const status = plan.effects[1]!;
  const ready = status.type === 'patchStatus' ? (status.status['conditions'] as Record<string, unknown>[])[0] : undefined;
  assert.is(ready?.['lastTransitionTime'], '2026-11-24T01:02:03Z');
  assert.is(ready?.['observedGeneration'], 2);
});

test('an onCreate child is created when absent and never corrected', () => {
  const w = world(websiteCr({ image: 'nginx', replicas: 1 }));
  step(w);
  const seed = w.observed.get(SEED)!;
  w.observed.set(SEED, { ...seed, metadata: { ...seed.metadata, annotations: { [APPLIED_HASH_ANNOTATION]: 'edited' } }, managed: '{}' });
  assert.equal(step(w).effects, [], 'neither an edited hash nor drift corrects an onCreate child');
  w.observed.delete(SEED);
  assert.equal(types(step(w).effects), [`apply ${SEED}`, 'event']);
});

test('a reconcile-child whose hash differs, or that is gone, is applied again', () => {
  const w = world(websiteCr({ image: 'nginx', replicas: 1 }));
  step(w);
  const d = w.observed.get(DEPLOY)!;
  w.observed.set(DEPLOY, { ...d, metadata: { ...d.metadata, annotations: {} } });
  assert.equal(types(step(w).effects), [`apply ${DEPLOY}`, 'event']);
  w.observed.delete(DEPLOY);
  assert.equal(types(step(w).effects), [`apply ${DEPLOY}`, 'event']);
});

test('drift: a field of ours taken by someone else (kubectl scale) is applied again, once, until the cache shows our apply', () => {
  const w = world(websiteCr({ image: 'nginx', replicas: 2 }));
  step(w);
  const d = w.observed.get(DEPLOY)!;
  const scaled = { ...d, metadata: { ...d.metadata, resourceVersion: '900' }, managed: d.managed!.replace('"f:replicas":{},', '') };
  w.observed.set(DEPLOY, scaled);
  const plan = step(w);
  assert.equal(types(plan.effects), [`apply ${DEPLOY}`, 'event']);
  const apply = plan.effects[0]!;
  assert.equal(apply.type === 'apply' && [apply.cause, apply.observedResourceVersion], ['drift', '900']);
  const event = plan.effects[1]!;
  assert.is(event.type === 'event' && event.note, 'corrected drift in Deployment team-a/web-deployment (spec.replicas)');
  // The watch has not delivered our apply yet: the cache still shows the drifted object.
  w.observed.set(DEPLOY, scaled);
  assert.equal(step(w).effects, [], 'the same drift is not corrected twice');
  // Someone scales again: a new resourceVersion, corrected again.
  w.observed.set(DEPLOY, { ...scaled, metadata: { ...scaled.metadata, resourceVersion: '901' } });
  assert.equal(types(step(w).effects), [`apply ${DEPLOY}`, 'event']);
  assert.equal(step(w).effects, [], 'converged');
});

test('fields we do not manage are not drift: someone else adding an annotation or env var changes nothing', () => {
  const w = world(websiteCr({ image: 'nginx', replicas: 2 }));
  step(w);
  const d = w.observed.get(DEPLOY)!;
  w.observed.set(DEPLOY, { ...d, metadata: { ...d.metadata, resourceVersion: '950', annotations: { ...d.metadata.annotations, team: 'x' } } });
  assert.equal(step(w).effects, []);
});

test('a stale cache showing our previous apply is not mistaken for convergence', () => {
  const w = world(websiteCr({ image: 'nginx', replicas: 1 }));
  step(w);
  const observedBefore = w.observed.get(DEPLOY)!;
  w.cr = { ...w.cr, spec: { image: 'nginx:2', replicas: 1 } };
  step(w);
  // Back to the first spec while the cache still shows the first apply: the cluster holds the second.
  w.observed.set(DEPLOY, observedBefore);
  w.cr = { ...w.cr, spec: { image: 'nginx', replicas: 1 } };
  assert.equal(types(step(w).effects).filter((t) => t.startsWith('apply')), [`apply ${DEPLOY}`]);
});

test('a child whose when turns false is pruned (here a Namespace, which the CR cannot own)', () => {
  const w = world(websiteCr({ image: 'nginx', replicas: 1, sandbox: 'true' }));
  step(w);
  w.cr = { ...w.cr, spec: { image: 'nginx', replicas: 1, sandbox: 'false' } };
  const plan = step(w);
  assert.equal(types(plan.effects), [`delete ${SANDBOX}`, 'patchStatus', 'event']);
  const del = plan.effects[0]!;
  assert.equal(del.type === 'delete' && { reason: del.reason, uid: del.uid, namespace: del.namespace }, { reason: 'no-longer-desired', uid: `uid-${SANDBOX}`, namespace: undefined });
});

test('pruning owned children: when false and forEach elements removed are deleted; an item that cannot stop being desired never is', () => {
  const crd = crdFrom(`      operatorBox:
        onReconcile:
          configMaps:
            - name: "{{ .metadata.name }}-{{ .item }}"
              forEach: {field: spec.regions}
              data: {region: "{{ .item }}"}
            - name: "{{ .metadata.name }}-cache"
              when: [{field: spec.cache, operator: equals, value: "on"}]
          services:
            - port: 80
`);
  const w = world(websiteCr({ regions: ['eu', 'us'], cache: 'on' }));
  const run = () => {
    const plan = planReconcile({ crd, cr: w.cr, observedChildren: w.observed, nowMs: NOW, lastApplied: w.lastApplied });
    execute(w, plan.effects);
    return plan;
  };
  assert.equal(types(run().effects).filter((t) => t.startsWith('apply')).length, 4);
  w.cr = { ...w.cr, spec: { regions: ['eu'], cache: 'off' } };
  const plan = run();
  assert.equal(types(plan.effects), ['delete /configmaps/team-a/web-cache', 'delete /configmaps/team-a/web-us', 'patchStatus', 'event']);
  const event = plan.effects.at(-1)!;
  assert.is(event.type === 'event' && event.note, 'deleted configmaps team-a/web-cache (no longer desired), deleted configmaps team-a/web-us (no longer desired)');
  // A Service left over by some earlier Katalog: no item can stop producing Services, so no delete (none granted).
  const svc = [...w.observed].find(([k]) => k.includes('/services/'))!;
  w.observed.set('/services/team-a/old-svc', { ...svc[1], metadata: { ...svc[1].metadata, name: 'old-svc' } });
  assert.not.ok(run().effects.some((e) => e.type === 'delete'));
});

test('forEach: two elements rendering one name (a repeated element) is a problem, nothing is applied', () => {
  const crd = crdFrom(`      operatorBox:
        onReconcile:
          configMaps:
            - name: "{{ .metadata.name }}-{{ .region }}"
              forEach: {field: spec.regions, as: region}
`);
  const plan = planReconcile({ crd, cr: websiteCr({ regions: ['eu', 'eu'] }, { finalizers: [FINALIZER] }), observedChildren: new Map(), nowMs: NOW });
  assert.equal(plan.effects.map((e) => e.type), ['patchStatus', 'event']);
  assert.match(plan.outcome.type === 'failed' ? plan.outcome.message : '', /configMaps\[0\]: renders ConfigMap team-a\/web-eu, which another item already renders/);
});

test('children of another CR are never pruned', () => {
  const w = world(websiteCr({ image: 'nginx', replicas: 1 }));
  w.observed.set(SANDBOX, { resource: { group: '', version: 'v1', resource: 'namespaces', namespaced: false }, metadata: { name: 'web-sandbox', annotations: { [OWNER_KEY_ANNOTATION]: 'websites.demo.orkestra.io:team-b/web' } } });
  assert.not.ok(step(w).effects.some((e) => e.type === 'delete'));
});

test('a desired child still terminating is waited for, not applied', () => {
  const w = world(websiteCr({ image: 'nginx', replicas: 1 }));
  step(w);
  const d = w.observed.get(DEPLOY)!;
  w.observed.set(DEPLOY, { ...d, metadata: { ...d.metadata, deletionTimestamp: '2026-11-24T01:00:00Z' } });
  w.cr = { ...w.cr, spec: { image: 'nginx:2', replicas: 1 } };
  const plan = step(w);
  assert.equal(plan.effects, []);
  assert.equal(plan.outcome, { type: 'requeue', afterMs: 1000 });
});

test('a template problem: no children applied, Ready False ReconcileError, Warning event, failed', () => {
  const crd = crdFrom(`      operatorBox:
        onReconcile:
          deployments:
            - image: "{{ .spec.image }}"
              replicas: "{{ .spec.replicas }}"
`);
  const cr = websiteCr({ image: 'nginx', replicas: 'many' }, { finalizers: [FINALIZER] });
  const plan = planReconcile({ crd, cr, observedChildren: new Map(), nowMs: NOW });
  assert.equal(plan.effects.map((e) => e.type), ['patchStatus', 'event']);
  const [status, event] = plan.effects;
  const ready = status?.type === 'patchStatus' ? (status.status['conditions'] as Record<string, unknown>[])[0] : undefined;
  assert.is(ready?.['status'], 'False');
  assert.is(ready?.['reason'], 'ReconcileError');
  assert.match(String(ready?.['message']), /replicas/);
  assert.is(event?.type === 'event' && event.eventType, 'Warning');
  assert.is(plan.outcome.type, 'failed');
});

test('the Ready message is cut to 256 characters; a repeated failure rewrites no status', () => {
  const w = world(websiteCr({ image: 'nginx', replicas: 1 }, { finalizers: [FINALIZER] }));
  const long = 'x'.repeat(400);
  const first = planReconcileFailure({ crd: CRD, cr: w.cr, nowMs: NOW }, long);
  execute(w, first.effects);
  const status = w.cr.status as { conditions: { message: string }[] };
  assert.is(status.conditions[0]!.message.length, 256);
  const again = planReconcileFailure({ crd: CRD, cr: w.cr, nowMs: NOW + 1000 }, long);
  assert.equal(again.effects.map((e) => e.type), ['event']);
  assert.equal(again.outcome, { type: 'failed', message: long });
});

test('recovering from an error flips Ready and lastTransitionTime once', () => {
  const w = world(websiteCr({ image: 'nginx', replicas: 1 }));
  step(w);
  makeHealthy(w);
  step(w);
  execute(w, planReconcileFailure({ crd: CRD, cr: w.cr, nowMs: NOW + 1000 }, 'apply failed: forbidden').effects);
  const plan = step(w, NOW + 9000);
  assert.equal(types(plan.effects), ['patchStatus', 'event']);
  const conditions = (w.cr.status as { conditions: Record<string, unknown>[] }).conditions;
  assert.is(conditions[0]!['lastTransitionTime'], '2026-11-24T01:02:12Z');
  assert.equal(step(w, NOW + 20_000).effects, []);
});

test('a cluster-scoped CR owns its namespaced children and converges', () => {
  const crd = crdFrom(`      scope: Cluster
      operatorBox:
        onReconcile:
          configMaps:
            - name: "{{ .metadata.name }}-config"
              namespace: shared
              data: {a: b}
`);
  const w: FakeWorld = { cr: websiteCr({}, { namespace: undefined }), observed: new Map(), lastApplied: new Map(), writes: 0 };
  const first = planReconcile({ crd, cr: w.cr, observedChildren: w.observed, nowMs: NOW });
  execute(w, first.effects);
  const apply = first.effects.find((e) => e.type === 'apply');
  assert.is((apply?.type === 'apply' && (apply.object.metadata['ownerReferences'] as unknown[]).length), 1);
  assert.is(apply?.type === 'apply' && apply.object.metadata.annotations?.[OWNER_KEY_ANNOTATION], 'websites.demo.orkestra.io:web');
  assert.equal(planReconcile({ crd, cr: w.cr, observedChildren: w.observed, nowMs: NOW + 1 }).effects, []);
});

test('other conditions are kept when Ready is written', () => {
  const w = world(websiteCr({ image: 'nginx', replicas: 1 }));
  w.cr = { ...w.cr, status: { conditions: [{ type: 'Audited', status: 'True', reason: 'Ok', message: '', lastTransitionTime: '2026-01-01T00:00:00Z' }] } };
  step(w);
  const conditions = (w.cr.status as { conditions: Record<string, unknown>[] }).conditions;
  assert.equal(conditions.map((c) => c['type']), ['Audited', 'Ready', 'Applied']);
});

test('finding 8 of issue 12: a status someone else rewrote is restored without an Event; nothing else happens', () => {
  const w = world(websiteCr({ image: 'nginx', replicas: 1 }));
  step(w);
  makeHealthy(w);
  step(w);
  for (let i = 0; i < 3; i++) {
    // A merge patch of status.conditions by another writer replaces the whole list.
    w.cr = { ...w.cr, status: { ...(w.cr.status as object), conditions: [{ type: 'Degraded', status: 'True', reason: 'Other' }] } };
    const plan = step(w, NOW + 1000 * i);
    assert.equal(types(plan.effects), ['patchStatus'], 'restored, no Event');
  }
  w.cr = { ...w.cr, status: { ...(w.cr.status as object), note: 'someone else' } };
  assert.equal(step(w).effects, [], 'a field we do not write is not a change');
});

test.run();

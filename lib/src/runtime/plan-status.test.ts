import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { planStatusPatch, renderStatusFields, truncateMessage } from './plan-status.ts';
import { crdFrom, websiteCr } from './runtime.test.fixture.ts';

const test = suite('plan-status');

const CRD = crdFrom(`      operatorBox:
        status:
          fields:
            - {path: phase, value: Small, type: string}
            - {path: phase, value: Large, type: string, when: [{field: spec.size, operator: gt, value: 10}]}
            - {path: net.port, value: "{{ .spec.port }}", type: int}
            - {path: ratio, value: "{{ .spec.ratio }}", type: float}
            - {path: enabled, value: "{{ .spec.enabled }}", type: bool}
            - {path: raw, value: "{{ .spec.tags }}", type: auto}
`);

const rendering: [name: string, spec: Record<string, unknown>, values: Record<string, unknown>, problems: number][] = [
  ['typed values', { size: 1, port: '8080', ratio: '0.5', enabled: 'true', tags: ['a'] }, { phase: 'Small', 'net.port': 8080, ratio: 0.5, enabled: true, raw: ['a'] }, 0],
  ['the last entry that holds wins a path', { size: 20 }, { phase: 'Large', raw: '' }, 0],
  ['empty non-string values are left out', {}, { phase: 'Small', raw: '' }, 0],
  ['a value of the wrong type is a problem', { port: 'http', enabled: 'yes', ratio: 'x' }, { phase: 'Small', raw: '' }, 3],
  ['a fractional int is a problem', { port: 1.5 }, { phase: 'Small', raw: '' }, 1],
];
for (const [name, spec, values, problems] of rendering) {
  test(name, () => {
    const r = renderStatusFields(CRD, websiteCr(spec));
    assert.equal(Object.fromEntries(r.values.map((v) => [v.path.join('.'), v.value])), values);
    assert.is(r.problems.length, problems);
  });
}

test('patch nests dotted paths and is undefined once the CR shows it', () => {
  const cr = websiteCr({ port: 80 });
  const { values } = renderStatusFields(CRD, cr);
  const ready = [{ type: 'Ready', status: 'True', reason: 'ReconcileSucceeded', message: 'ok' }] as const;
  const patch = planStatusPatch(CRD, cr, ready, values, 0);
  assert.equal((patch?.['net'] as Record<string, unknown>), { port: 80 });
  assert.is(planStatusPatch(CRD, { ...cr, status: patch }, ready, values, 5000), undefined);
});

test('an auto object field converges under merge-patch semantics (removed keys nulled, nulls dropped)', () => {
  const crd = { ...CRD, status: { conditions: false, fields: [] } };
  const cr = { ...websiteCr({}), status: { raw: { a: 1, b: 2 } } };
  const patch = planStatusPatch(crd, cr, undefined, [{ path: ['raw'], value: { a: 1, c: null } }], 0);
  assert.equal(patch, { raw: { a: 1, b: null } });
  const after = { ...cr, status: { raw: { a: 1 } } };
  assert.is(planStatusPatch(crd, after, undefined, [{ path: ['raw'], value: { a: 1, c: null } }], 0), undefined);
});

test('without conditions only the fields are written', () => {
  const crd = { ...CRD, status: { ...CRD.status, conditions: false } };
  const patch = planStatusPatch(crd, websiteCr({}), [{ type: 'Ready', status: 'True', reason: 'ReconcileSucceeded', message: 'ok' }], [{ path: ['phase'], value: 'Small' }], 0);
  assert.equal(patch, { phase: 'Small' });
});

test('a generation change alone rewrites status', () => {
  const cr = websiteCr({});
  const ready = [{ type: 'Ready', status: 'True', reason: 'ReconcileSucceeded', message: 'ok' }] as const;
  const patch = planStatusPatch(CRD, cr, ready, [], 0)!;
  const next = { ...cr, metadata: { ...cr.metadata, generation: 2 }, status: patch };
  assert.is((planStatusPatch(CRD, next, ready, [], 1000) as Record<string, unknown>)['observedGeneration'], 2);
});

test('clearOnFalse: a string field becomes "" and a typed one is removed when its when fails; last entry still wins', () => {
  const crd = crdFrom(`      operatorBox:
        status:
          fields:
            - {path: step, value: build, type: string}
            - {path: step, value: "", type: string, when: [{field: spec.done, operator: exists}], clearOnFalse: true}
            - {path: count, value: "{{ .spec.n }}", type: int, when: [{field: spec.n, operator: exists}], clearOnFalse: true}
            - {path: note, value: hi, when: [{field: spec.note, operator: exists}], clearOnFalse: true}
`);
  const r = renderStatusFields(crd, websiteCr({}));
  assert.equal(r.values.map((v) => [v.path.join('.'), v.value]), [['step', ''], ['count', null], ['note', '']]);
  const patch = planStatusPatch({ ...crd, status: { ...crd.status, conditions: false } }, { ...websiteCr({}), status: { step: 'build', count: 3 } }, undefined, r.values, 0);
  assert.equal(patch, { step: '', count: null, note: '' });
  const on = renderStatusFields(crd, websiteCr({ n: 2, note: 'x', done: true }));
  assert.equal(on.values.map((v) => [v.path.join('.'), v.value]), [['step', ''], ['count', 2], ['note', 'hi']]);
});

test('several conditions: each set in place or appended, others kept', () => {
  const cr = { ...websiteCr({}), status: { conditions: [{ type: 'Custom', status: 'True' }] } };
  const patch = planStatusPatch(CRD, cr, [
    { type: 'Ready', status: 'False', reason: 'ChildrenNotReady', message: 'Deployment web: Replicas: 0/1' },
    { type: 'Applied', status: 'True', reason: 'ApplySucceeded', message: '1 child applied' },
  ], [], Date.UTC(2026, 0, 1))!;
  assert.equal((patch['conditions'] as { type: string }[]).map((c) => c.type), ['Custom', 'Ready', 'Applied']);
});

test('truncateMessage keeps short messages and cuts long ones to the limit', () => {
  assert.is(truncateMessage('short'), 'short');
  assert.is(truncateMessage('abcdef', 4), 'abc…');
});

test.run();

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { childrenReadStatus, crUpdateMatters } from './cr-update-matters.ts';
import { FINALIZER } from './names.ts';
import { crdFrom } from './runtime.test.fixture.ts';

const test = suite('cr-update-matters');
const cr = (meta: Record<string, unknown>, status?: unknown) => ({ metadata: { name: 'web', generation: 1, resourceVersion: '1', ...meta }, status });

test('status-only and resourceVersion-only updates do not matter, unless the children read status', () => {
  assert.is(crUpdateMatters(cr({}), cr({ resourceVersion: '2' }, { conditions: [] }), false), false);
  assert.is(crUpdateMatters(cr({}), cr({ resourceVersion: '2' }, { phase: 'x' }), true), true);
  assert.is(crUpdateMatters(cr({}, { phase: 'x' }), cr({ resourceVersion: '2' }, { phase: 'x' }), true), false);
});

test('our own finalizer added does not matter (the reconcile that added it went on); removed, or with another change, it does', () => {
  assert.is(crUpdateMatters(cr({}), cr({ resourceVersion: '2', finalizers: [FINALIZER] }), false), false);
  assert.is(crUpdateMatters(cr({ finalizers: ['other/f'] }), cr({ resourceVersion: '2', finalizers: ['other/f', FINALIZER] }), false), false);
  assert.is(crUpdateMatters(cr({ finalizers: [FINALIZER] }), cr({ resourceVersion: '2', finalizers: [] }), false), true, 'removed');
  assert.is(crUpdateMatters(cr({}), cr({ resourceVersion: '2', finalizers: [FINALIZER, 'other/f'] }), false), true, 'another one added too');
  assert.is(crUpdateMatters(cr({}), cr({ resourceVersion: '2', finalizers: [FINALIZER], generation: 2 }), false), true, 'and a spec change');
  assert.is(crUpdateMatters(cr({}), cr({ resourceVersion: '2', finalizers: ['other/f'] }), false), true, "another's finalizer");
});

test('generation, labels, annotations, finalizers, deletion do', () => {
  for (const change of [{ generation: 2 }, { labels: { a: 'b' } }, { annotations: { a: 'b' } }, { finalizers: ['f'] }, { deletionTimestamp: 't' }]) {
    assert.is(crUpdateMatters(cr({}), cr(change), false), true, JSON.stringify(change));
  }
});

test('children read status: in a template, a when field or a forEach field', () => {
  assert.is(childrenReadStatus(crdFrom(`      operatorBox:
        onCreate:
          jobs:
            - image: busybox
              when: [{field: status.phase, operator: equals, value: build}]
        status:
          fields: [{path: phase, value: build}]
`)), true);
  assert.is(childrenReadStatus(crdFrom(`      operatorBox:
        onCreate:
          configMaps:
            - data: {phase: "{{ .status.phase }}"}
        status:
          fields: [{path: phase, value: build}]
`)), true);
  assert.is(childrenReadStatus(crdFrom(`      operatorBox:
        onCreate:
          configMaps:
            - data: {image: "{{ .spec.image }}"}
        status:
          fields: [{path: phase, value: "{{ .status.phase }}"}]
`)), false, 'status fields reading status do not make children follow it');
});

test.run();

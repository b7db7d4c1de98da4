import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { projectChild } from './project-child.ts';

const test = suite('project-child');

const OURS = { f: { 'f:spec': { 'f:replicas': {} } } };
const LIVE = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name: 'web', namespace: 'a', uid: 'u', generation: 2,
    annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"huge":true}', 'orkestra.orkspace.io/owner-key': 'k' },
    managedFields: [
      { manager: 'kubectl', operation: 'Update', subresource: 'scale', fieldsV1: { 'f:spec': { 'f:replicas': {} } } },
      { manager: 'orkestra-runtime', operation: 'Update', subresource: 'status', fieldsV1: { 'f:status': {} } },
      { manager: 'orkestra-runtime', operation: 'Apply', fieldsV1: OURS.f },
    ],
  },
  spec: { replicas: 3, strategy: { type: 'RollingUpdate' }, template: { spec: { containers: [{ name: 'app', image: 'nginx' }] } } },
  status: { replicas: 3, readyReplicas: 1 },
};

test('keeps metadata (without managedFields and last-applied), status, the kept paths and our Apply field set', () => {
  const p = projectChild(LIVE, [['spec', 'replicas']]);
  assert.equal(p, {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'a', uid: 'u', generation: 2, annotations: { 'orkestra.orkspace.io/owner-key': 'k' } },
    kept: { spec: { replicas: 3 } },
    status: { replicas: 3, readyReplicas: 1 },
    managed: JSON.stringify(OURS.f),
  });
});

test('a short path keeps a whole subtree; deeper paths under it change nothing; metadata and status are never copied twice', () => {
  const p = projectChild(LIVE, [['spec', 'strategy', 'type'], ['spec', 'template'], ['spec', 'template', 'spec'], ['status', 'x'], ['metadata', 'uid']]);
  assert.equal(p.kept, { spec: { strategy: { type: 'RollingUpdate' }, template: LIVE.spec.template } });
});

test('a path that is absent keeps nothing; no Apply entry of ours means no field set', () => {
  const p = projectChild({ metadata: { name: 'x', managedFields: [{ manager: 'other', operation: 'Apply', fieldsV1: {} }] }, data: { a: '1' } }, [['spec', 'replicas'], ['data', 'b']]);
  assert.equal(p, { metadata: { name: 'x' } });
});

test('a prototype key in a kept path stays a plain own property', () => {
  const live = JSON.parse('{"metadata":{"name":"x"},"data":{"__proto__":{"polluted":true}}}') as Parameters<typeof projectChild>[0];
  const p = projectChild(live, [['data', '__proto__', 'polluted']]);
  assert.is(({} as Record<string, unknown>)['polluted'], undefined);
  assert.ok(p.kept === undefined || !('polluted' in Object.getPrototypeOf(p.kept)));
});

test.run();

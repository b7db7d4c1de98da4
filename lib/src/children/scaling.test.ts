import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as v from 'valibot';
import { buildChild } from './build-child.ts';
import { pdbItemSchema } from './build-pdb.ts';
import { CTX, at, fails, managed, ok } from './child-cases.test.fixture.ts';

const test = suite('hpa and pdb');


test('a minimal hpa targets the CR deployment', () => {
  assert.equal(ok('hpa', { maxReplicas: 4 }), {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'shop-hpa', namespace: 'team-a', labels: managed },
    spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'shop-deployment' }, maxReplicas: 4 },
  });
});

test('an hpa on a StatefulSet defaults to the CR statefulSet name', () => {
  assert.equal(at(ok('hpa', { maxReplicas: 4, scaleTargetRef: { kind: 'StatefulSet' } }), 'spec.scaleTargetRef'),
    { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'shop-statefulset' });
});

test('utilization targets become v2 resource metrics', () => {
  assert.equal(at(ok('hpa', { maxReplicas: '4', minReplicas: '2', targetCPUUtilizationPercentage: '70', targetMemoryUtilizationPercentage: 80 }), 'spec'), {
    scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'shop-deployment' },
    minReplicas: 2,
    maxReplicas: 4,
    metrics: [
      { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } },
      { type: 'Resource', resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: 80 } } },
    ],
  });
});

test('hpa bounds are checked', () => {
  fails(buildChild('hpa', {}, CTX), 'maxReplicas', 'is required');
  fails(buildChild('hpa', { maxReplicas: 0 }, CTX), 'maxReplicas', 'at least 1');
  fails(buildChild('hpa', { maxReplicas: 3, targetCPUUtilizationPercentage: 'high' }, CTX), 'targetCPUUtilizationPercentage', 'expected an integer');
});

test('a minimal pdb allows one CR pod down at a time', () => {
  assert.equal(ok('pdb', {}), {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: 'shop-pdb', namespace: 'team-a', labels: managed },
    spec: { maxUnavailable: 1, selector: { matchLabels: { 'app.kubernetes.io/name': 'website', 'orkestra.orkspace.io/owner': 'shop' } } },
  });
});

test('pdb budgets take integers or percentages, one at a time', () => {
  assert.is(at(ok('pdb', { minAvailable: '50%' }), 'spec.minAvailable'), '50%');
  assert.is(at(ok('pdb', { minAvailable: '50%' }), 'spec.maxUnavailable'), undefined);
  assert.equal(at(ok('pdb', { selector: { app: 'web' } }), 'spec.selector'), { matchLabels: { app: 'web' } });
  fails(buildChild('pdb', { minAvailable: 1, maxUnavailable: 1 }, CTX), 'maxUnavailable', 'cannot be combined');
  fails(buildChild('pdb', { minAvailable: -1 }, CTX), 'minAvailable', 'not be negative');
});

test('the schema reports minAvailable with maxUnavailable as ORK1111 on maxUnavailable', () => {
  const r = v.safeParse(pdbItemSchema, { minAvailable: 1, maxUnavailable: '25%' });
  assert.equal(r.issues?.map((i) => [i.path?.map((p) => p.key).join('.'), i.message.split('|')[0]]), [['maxUnavailable', 'ORK1111']]);
});

test.run();

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { decideReadiness, type ReadinessChild } from './decide-readiness.ts';

const test = suite('decide-readiness');

const cm = (name: string): ReadinessChild => ({ group: '', kind: 'ConfigMap', name, object: { metadata: {} } });
const deploy = (name: string, ready: number): ReadinessChild => ({
  group: 'apps', kind: 'Deployment', name,
  object: { metadata: { generation: 1 }, spec: { replicas: 2 }, status: { observedGeneration: 1, replicas: 2, updatedReplicas: 2, availableReplicas: ready, readyReplicas: ready, conditions: [{ type: 'Available', status: ready === 2 ? 'True' : 'False' }, { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' }] } },
});
const job = (name: string, condition?: string): ReadinessChild => ({
  group: 'batch', kind: 'Job', name, object: { metadata: {}, spec: {}, status: condition ? { startTime: 't', conditions: [{ type: condition, status: 'True' }] } : undefined },
});

test('every child Current: Ready True', () => {
  assert.equal(decideReadiness([cm('a'), deploy('web', 2)]), { type: 'Ready', status: 'True', reason: 'ReconcileSucceeded', message: '2 children ready' });
  assert.equal(decideReadiness([]), { type: 'Ready', status: 'True', reason: 'ReconcileSucceeded', message: 'no children' });
});

test('a child in progress: ChildrenNotReady naming it', () => {
  assert.equal(decideReadiness([cm('a'), deploy('web', 1)]), { type: 'Ready', status: 'False', reason: 'ChildrenNotReady', message: 'Deployment web: Available: 1/2' });
});

test('a failed child wins, listed first; more than three are counted', () => {
  const r = decideReadiness([deploy('a', 0), deploy('b', 0), job('c'), job('d', 'Failed'), deploy('e', 1)]);
  assert.is(r.reason, 'ChildFailed');
  assert.is(r.message, 'Job d: Job Failed. failed: 0/1; Deployment a: Available: 0/2; Deployment b: Available: 0/2 (+2 more)');
});

test.run();

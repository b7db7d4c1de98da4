import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { childHealth, type ChildHealth, type HealthSubject } from './child-health.ts';

const test = suite('child-health (kstatus rules)');

const subject = (group: string, kind: string, spec: unknown, status: unknown, metadata: Record<string, unknown> = { generation: 1 }): HealthSubject =>
  ({ group, kind, object: { metadata, spec, status } });

const available = [
  { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' },
  { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' },
];

const CASES: [string, HealthSubject, ChildHealth][] = [
  ['Deployment just created (no status)', subject('apps', 'Deployment', { replicas: 3 }, undefined), { status: 'InProgress', message: 'Replicas: 0/3' }],
  ['Deployment with replicas defaulted to 1', subject('apps', 'Deployment', {}, { replicas: 1, updatedReplicas: 0 }), { status: 'InProgress', message: 'Updated: 0/1' }],
  ['Deployment old pods terminating', subject('apps', 'Deployment', { replicas: 1 }, { replicas: 2, updatedReplicas: 1 }), { status: 'InProgress', message: 'Pending termination: 1' }],
  ['Deployment updated, not available', subject('apps', 'Deployment', { replicas: 2 }, { replicas: 2, updatedReplicas: 2, availableReplicas: 1, readyReplicas: 1 }), { status: 'InProgress', message: 'Available: 1/2' }],
  ['Deployment counts right but no conditions', subject('apps', 'Deployment', { replicas: 1 }, { replicas: 1, updatedReplicas: 1, availableReplicas: 1, readyReplicas: 1 }), { status: 'InProgress', message: 'ReplicaSet not Available' }],
  ['Deployment available and updated', subject('apps', 'Deployment', { replicas: 2 }, { observedGeneration: 1, replicas: 2, updatedReplicas: 2, availableReplicas: 2, readyReplicas: 2, conditions: available }), { status: 'Current', message: 'Deployment is available. Replicas: 2' }],
  ['Deployment scaled to zero', subject('apps', 'Deployment', { replicas: 0 }, { observedGeneration: 1, conditions: available }), { status: 'Current', message: 'Deployment is available. Replicas: 0' }],
  ['Deployment past its progress deadline', subject('apps', 'Deployment', { replicas: 1 }, { conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }] }), { status: 'Failed', message: 'Progress deadline exceeded' }],
  ['a generation the controller has not seen', subject('apps', 'Deployment', { replicas: 1 }, { observedGeneration: 1, conditions: available }, { generation: 2 }), { status: 'InProgress', message: 'generation 2 not yet observed (observed 1)' }],
  ['anything being deleted', subject('', 'ConfigMap', undefined, undefined, { deletionTimestamp: '2026-11-24T00:00:00Z' }), { status: 'Terminating', message: 'being deleted' }],
  ['StatefulSet rolling', subject('apps', 'StatefulSet', { replicas: 2 }, { replicas: 2, readyReplicas: 2, currentReplicas: 1, updatedReplicas: 1 }), { status: 'InProgress', message: 'current: 1/2' }],
  ['StatefulSet waiting for the new revision', subject('apps', 'StatefulSet', { replicas: 1 }, { replicas: 1, readyReplicas: 1, currentReplicas: 1, currentRevision: 'a', updateRevision: 'b' }), { status: 'InProgress', message: 'waiting for the rolling update to finish (revision b)' }],
  ['StatefulSet rolled', subject('apps', 'StatefulSet', { replicas: 1 }, { replicas: 1, readyReplicas: 1, currentReplicas: 1, currentRevision: 'a', updateRevision: 'a' }), { status: 'Current', message: 'All replicas scheduled as expected. Replicas: 1' }],
  ['StatefulSet partitioned rollout', subject('apps', 'StatefulSet', { replicas: 3, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } } }, { replicas: 3, readyReplicas: 3, updatedReplicas: 1 }), { status: 'Current', message: 'Partition rollout complete. updated: 1' }],
  ['StatefulSet OnDelete', subject('apps', 'StatefulSet', { updateStrategy: { type: 'OnDelete' } }, undefined), { status: 'Current', message: 'StatefulSet is using the OnDelete update strategy' }],
  ['Job not started', subject('batch', 'Job', {}, undefined), { status: 'InProgress', message: 'Job not started' }],
  ['Job running', subject('batch', 'Job', {}, { startTime: 't', active: 1 }), { status: 'InProgress', message: 'Job in progress. success: 0, active: 1, failed: 0' }],
  ['Job complete', subject('batch', 'Job', { completions: 1 }, { startTime: 't', succeeded: 1, conditions: [{ type: 'Complete', status: 'True' }] }), { status: 'Current', message: 'Job Completed. succeeded: 1/1' }],
  ['Job failed', subject('batch', 'Job', {}, { startTime: 't', failed: 4, conditions: [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded' }] }), { status: 'Failed', message: 'Job Failed. failed: 4/1 (BackoffLimitExceeded)' }],
  ['PVC pending', subject('', 'PersistentVolumeClaim', {}, { phase: 'Pending' }), { status: 'InProgress', message: 'PVC is not Bound. phase: Pending' }],
  ['PVC bound', subject('', 'PersistentVolumeClaim', {}, { phase: 'Bound' }), { status: 'Current', message: 'PVC is Bound' }],
  ['Pod crash-looping', subject('', 'Pod', {}, { phase: 'Pending', containerStatuses: [{ state: { waiting: { reason: 'CrashLoopBackOff' } } }] }), { status: 'Failed', message: 'Pod is in CrashLoopBackOff' }],
  ['Pod ready', subject('', 'Pod', {}, { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] }), { status: 'Current', message: 'Pod is Ready' }],
  ['Pod succeeded', subject('', 'Pod', {}, { phase: 'Succeeded' }), { status: 'Current', message: 'Pod has completed successfully' }],
  ['ClusterIP Service', subject('', 'Service', { type: 'ClusterIP' }, {}), { status: 'Current', message: 'Service is ready' }],
  ['LoadBalancer without an address', subject('', 'Service', { type: 'LoadBalancer' }, { loadBalancer: {} }), { status: 'InProgress', message: 'Pending LoadBalancer ingress' }],
  ['PDB not met', subject('policy', 'PodDisruptionBudget', {}, { currentHealthy: 1, desiredHealthy: 2 }), { status: 'InProgress', message: 'Budget not met. healthy replicas: 1/2' }],
  ['ConfigMap', subject('', 'ConfigMap', undefined, undefined), { status: 'Current', message: 'exists' }],
  ['ReplicaSet short of available', subject('apps', 'ReplicaSet', { replicas: 2 }, { replicas: 2, fullyLabeledReplicas: 2, availableReplicas: 1 }), { status: 'InProgress', message: 'Available: 1/2' }],
  ['custom kind with Ready False', subject('example.com', 'Cache', {}, { conditions: [{ type: 'Ready', status: 'False', reason: 'ChildrenNotReady', message: 'StatefulSet x: Ready: 0/1' }] }), { status: 'InProgress', message: 'StatefulSet x: Ready: 0/1' }],
  ['custom kind with Ready True', subject('example.com', 'Cache', {}, { conditions: [{ type: 'Ready', status: 'True' }] }), { status: 'Current', message: 'Ready' }],
  ['custom kind without conditions', subject('example.com', 'Cache', {}, undefined), { status: 'Current', message: 'exists' }],
  ['Stalled condition', subject('example.com', 'Cache', {}, { conditions: [{ type: 'Stalled', status: 'True', message: 'bad spec' }] }), { status: 'Failed', message: 'bad spec' }],
  ['Reconciling condition', subject('example.com', 'Cache', {}, { conditions: [{ type: 'Reconciling', status: 'True' }] }), { status: 'InProgress', message: 'reconciling' }],
];

for (const [name, input, expected] of CASES) {
  test(name, () => assert.equal(childHealth(input), expected));
}

test.run();

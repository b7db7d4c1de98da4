// The health of one child, after kstatus (sigs.k8s.io/cli-utils/pkg/kstatus), which Flux's
// health checks use and Argo CD's built-in checks agree with for these kinds. The rules read
// `metadata.generation`, a few `spec` fields and `status`, which is what the child cache keeps.

/** kstatus' statuses, less `NotFound`/`Unknown` (a missing child is the caller's business). */
export type HealthStatus = 'Current' | 'InProgress' | 'Failed' | 'Terminating';

/** One child's health with a kstatus-style message (`Replicas: 1/3`). */
export interface ChildHealth {
  readonly status: HealthStatus;
  readonly message: string;
}

/** What the rules read of a child: group, kind and the object as cached. */
export interface HealthSubject {
  /** API group; `''` is the core group. */
  readonly group: string;
  readonly kind: string;
  readonly object: {
    readonly metadata?: { readonly generation?: number | undefined; readonly deletionTimestamp?: string | undefined; readonly [k: string]: unknown };
    readonly spec?: unknown;
    readonly status?: unknown;
    readonly [k: string]: unknown;
  };
}

type Rule = (spec: Rec, status: Rec) => ChildHealth;

/** The fields outside metadata and status the rules read, by `group/Kind`: what a child cache must keep. */
export const HEALTH_PATHS: Readonly<Record<string, readonly (readonly string[])[]>> = {
  'apps/Deployment': [['spec', 'replicas']],
  'apps/StatefulSet': [['spec', 'replicas'], ['spec', 'updateStrategy']],
  'apps/ReplicaSet': [['spec', 'replicas']],
  'batch/Job': [['spec', 'parallelism'], ['spec', 'completions']],
  '/Service': [['spec', 'type']],
};
type Rec = Readonly<Record<string, unknown>>;

const CURRENT = (message: string): ChildHealth => ({ status: 'Current', message });
const PROGRESS = (message: string): ChildHealth => ({ status: 'InProgress', message });
const FAILED = (message: string): ChildHealth => ({ status: 'Failed', message });

/**
 * kstatus' computeStatus for one child: terminating first, then the generic rules (a status
 * that has not observed the current generation, `Reconciling`/`Stalled` conditions), then the
 * kind's own rule. Kinds without a rule (ConfigMap, Secret, RBAC, ...) are Current once they
 * exist; custom kinds also honour a `Ready` condition, as Argo CD and kro read one.
 */
export function childHealth(subject: HealthSubject): ChildHealth {
  const { object } = subject;
  if (object.metadata?.deletionTimestamp) return { status: 'Terminating', message: 'being deleted' };
  const spec = rec(object.spec), status = rec(object.status);
  const generation = object.metadata?.generation;
  const observed = status['observedGeneration'];
  if (typeof generation === 'number' && typeof observed === 'number' && observed < generation) {
    return PROGRESS(`generation ${generation} not yet observed (observed ${observed})`);
  }
  const reconciling = condition(status, 'Reconciling');
  if (reconciling?.['status'] === 'True') return PROGRESS(text(reconciling['message'], 'reconciling'));
  const stalled = condition(status, 'Stalled');
  if (stalled?.['status'] === 'True') return FAILED(text(stalled['message'], 'stalled'));
  const rule = RULES[`${subject.group}/${subject.kind}`];
  if (rule) return rule(spec, status);
  if (BUILTIN_GROUPS.has(subject.group)) return CURRENT('exists');
  const ready = condition(status, 'Ready');
  if (ready?.['status'] === 'False') return PROGRESS(text(ready['message'], `Ready is False (${text(ready['reason'], 'no reason')})`));
  return CURRENT(ready ? 'Ready' : 'exists');
}

const RULES: Readonly<Record<string, Rule>> = {
  'apps/Deployment': deployment,
  'apps/StatefulSet': statefulSet,
  'apps/ReplicaSet': replicaSet,
  'batch/Job': job,
  '/PersistentVolumeClaim': (_spec, status) =>
    status['phase'] === 'Bound' ? CURRENT('PVC is Bound') : PROGRESS(`PVC is not Bound. phase: ${text(status['phase'], '')}`),
  '/Pod': pod,
  '/Service': (spec, status) => {
    if (spec['type'] !== 'LoadBalancer') return CURRENT('Service is ready');
    const ingress = rec(status['loadBalancer'])['ingress'];
    return Array.isArray(ingress) && ingress.length > 0 ? CURRENT('Service is ready') : PROGRESS('Pending LoadBalancer ingress');
  },
  'policy/PodDisruptionBudget': (_spec, status) => {
    const healthy = int(status['currentHealthy']), desired = int(status['desiredHealthy']);
    return healthy < desired ? PROGRESS(`Budget not met. healthy replicas: ${healthy}/${desired}`) : CURRENT(`Budget is met. Replicas: ${healthy}/${desired}`);
  },
};

// Built-in groups whose kinds have no rule are Current once they exist (kstatus' alwaysReady).
const BUILTIN_GROUPS = new Set(['', 'apps', 'batch', 'policy', 'autoscaling', 'networking.k8s.io', 'rbac.authorization.k8s.io', 'storage.k8s.io']);

function deployment(spec: Rec, status: Rec): ChildHealth {
  const want = int(spec['replicas'], 1);
  const replicas = int(status['replicas']), updated = int(status['updatedReplicas']);
  const ready = int(status['readyReplicas']), available = int(status['availableReplicas']);
  let progressing = false, isAvailable = false;
  for (const c of conditions(status)) {
    if (c['type'] === 'Progressing') {
      if (c['reason'] === 'ProgressDeadlineExceeded') return FAILED('Progress deadline exceeded');
      if (c['status'] === 'True' && c['reason'] === 'NewReplicaSetAvailable') progressing = true;
    }
    if (c['type'] === 'Available' && c['status'] === 'True') isAvailable = true;
  }
  if (want > replicas) return PROGRESS(`Replicas: ${replicas}/${want}`);
  if (want > updated) return PROGRESS(`Updated: ${updated}/${want}`);
  if (replicas > want) return PROGRESS(`Pending termination: ${replicas - want}`);
  if (updated > available) return PROGRESS(`Available: ${available}/${updated}`);
  if (want > ready) return PROGRESS(`Ready: ${ready}/${want}`);
  if (!progressing) return PROGRESS('ReplicaSet not Available');
  if (!isAvailable) return PROGRESS('Deployment not Available');
  return CURRENT(`Deployment is available. Replicas: ${replicas}`);
}

function statefulSet(spec: Rec, status: Rec): ChildHealth {
  const strategy = rec(spec['updateStrategy']);
  if (strategy['type'] !== undefined && strategy['type'] !== 'RollingUpdate') return CURRENT('StatefulSet is using the OnDelete update strategy');
  const want = int(spec['replicas'], 1);
  const replicas = int(status['replicas']), ready = int(status['readyReplicas']);
  const current = int(status['currentReplicas']), updated = int(status['updatedReplicas']);
  const partition = int(rec(strategy['rollingUpdate'])['partition'], -1);
  if (want > replicas) return PROGRESS(`Replicas: ${replicas}/${want}`);
  if (want > ready) return PROGRESS(`Ready: ${ready}/${want}`);
  if (replicas > want) return PROGRESS(`Pending termination: ${replicas - want}`);
  if (partition > 0) {
    const expected = want - partition;
    return updated < expected ? PROGRESS(`updated: ${updated}/${expected}`) : CURRENT(`Partition rollout complete. updated: ${updated}`);
  }
  if (want > current) return PROGRESS(`current: ${current}/${want}`);
  if (status['currentRevision'] !== status['updateRevision']) return PROGRESS(`waiting for the rolling update to finish (revision ${text(status['updateRevision'], '?')})`);
  return CURRENT(`All replicas scheduled as expected. Replicas: ${replicas}`);
}

function replicaSet(spec: Rec, status: Rec): ChildHealth {
  const want = int(spec['replicas'], 1);
  const labelled = int(status['fullyLabeledReplicas']), available = int(status['availableReplicas']);
  const ready = int(status['readyReplicas']), replicas = int(status['replicas']);
  const failure = conditions(status).find((c) => c['type'] === 'ReplicaFailure' && c['status'] === 'True');
  if (failure) return PROGRESS(`ReplicaFailure: ${text(failure['message'], text(failure['reason'], ''))}`);
  if (want > labelled) return PROGRESS(`Labelled: ${labelled}/${want}`);
  if (want > available) return PROGRESS(`Available: ${available}/${want}`);
  if (want > ready) return PROGRESS(`Ready: ${ready}/${want}`);
  if (replicas > want) return PROGRESS(`Pending termination: ${replicas - want}`);
  return CURRENT(`ReplicaSet is available. Replicas: ${replicas}`);
}

function job(spec: Rec, status: Rec): ChildHealth {
  const parallelism = int(spec['parallelism'], 1);
  const completions = int(spec['completions'], parallelism);
  const succeeded = int(status['succeeded']), failed = int(status['failed']), active = int(status['active']);
  for (const c of conditions(status)) {
    if (c['type'] === 'Complete' && c['status'] === 'True') return CURRENT(`Job Completed. succeeded: ${succeeded}/${completions}`);
    if (c['type'] === 'Failed' && c['status'] === 'True') return FAILED(`Job Failed. failed: ${failed}/${completions}${c['reason'] ? ` (${text(c['reason'], '')})` : ''}`);
  }
  if (status['startTime'] === undefined) return PROGRESS('Job not started');
  return PROGRESS(`Job in progress. success: ${succeeded}, active: ${active}, failed: ${failed}`);
}

function pod(_spec: Rec, status: Rec): ChildHealth {
  switch (status['phase']) {
    case 'Succeeded': return CURRENT('Pod has completed successfully');
    case 'Failed': return FAILED('Pod has completed, but not successfully');
    case 'Running':
      return condition(status, 'Ready')?.['status'] === 'True' ? CURRENT('Pod is Ready') : PROGRESS('Pod is running but not Ready');
    default: {
      const waiting = (Array.isArray(status['containerStatuses']) ? status['containerStatuses'] : [])
        .map((s) => rec(rec(rec(s)['state'])['waiting'])['reason']);
      if (waiting.includes('CrashLoopBackOff')) return FAILED('Pod is in CrashLoopBackOff');
      const scheduled = condition(status, 'PodScheduled');
      if (scheduled?.['status'] === 'False' && scheduled['reason'] === 'Unschedulable') return PROGRESS('Pod could not be scheduled');
      return PROGRESS(`Pod phase: ${text(status['phase'], 'Pending')}`);
    }
  }
}

function rec(v: unknown): Rec {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Rec) : {};
}

function conditions(status: Rec): Rec[] {
  const list = status['conditions'];
  return Array.isArray(list) ? list.map(rec) : [];
}

function condition(status: Rec, type: string): Rec | undefined {
  return conditions(status).find((c) => c['type'] === type);
}

function int(v: unknown, fallback = 0): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

function text(v: unknown, fallback: string): string {
  return typeof v === 'string' && v !== '' ? v : fallback;
}

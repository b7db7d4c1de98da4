import { formatMicroTime, RUNTIME_LEASE_NAME, truncateNote } from '@orkestra/lib/runtime';
import type { KubeObject as ClusterObject } from '@orkestra/lib/ports';
import { REPORTING_CONTROLLER } from './build-event.ts';

/** What a Katalog source Event says (issue 19): loaded, updated or refused. */
export interface SourceEventSpec {
  readonly type: 'Normal' | 'Warning';
  readonly reason: 'KatalogLoaded' | 'KatalogUpdated' | 'KatalogRefused';
  readonly note: string;
}

/**
 * An `events.k8s.io/v1` Event in the runtime's namespace about its Pod (POD_NAME from the downward
 * API; `kubectl describe pod` shows it) or, outside a Pod, about the leader Lease.
 */
export function buildSourceEvent(spec: SourceEventSpec, namespace: string, podName: string | undefined, nowMs: number, instance: string, suffix: string): ClusterObject {
  const regarding = podName !== undefined
    ? { apiVersion: 'v1', kind: 'Pod', name: podName, namespace }
    : { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', name: RUNTIME_LEASE_NAME, namespace };
  return {
    apiVersion: 'events.k8s.io/v1',
    kind: 'Event',
    metadata: { name: `${regarding.name}.${suffix}`, namespace },
    eventTime: formatMicroTime(nowMs),
    reportingController: REPORTING_CONTROLLER,
    reportingInstance: instance,
    action: spec.reason === 'KatalogRefused' ? 'Refuse' : 'Load',
    reason: spec.reason,
    note: truncateNote(spec.note),
    type: spec.type,
    regarding,
  };
}

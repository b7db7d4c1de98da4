import { formatMicroTime, type CachedCr, type Effect } from '@orkestra/lib/runtime';
import type { KubeObject as ClusterObject } from '@orkestra/lib/ports';

/** `reportingController` of every Event the runtime records. */
export const REPORTING_CONTROLLER = 'orkestra.orkspace.io/runtime';

/**
 * An `events.k8s.io/v1` Event about `cr`. Events of cluster-scoped CRs go to `default`, as
 * client-go's recorder does; `suffix` makes the name unique (client-go uses a timestamp in hex).
 */
export function buildEvent(cr: CachedCr, effect: Extract<Effect, { type: 'event' }>, nowMs: number, instance: string, suffix: string): ClusterObject {
  const namespace = cr.metadata.namespace ?? 'default';
  return {
    apiVersion: 'events.k8s.io/v1',
    kind: 'Event',
    metadata: { name: `${cr.metadata.name}.${suffix}`, namespace },
    eventTime: formatMicroTime(nowMs),
    reportingController: REPORTING_CONTROLLER,
    reportingInstance: instance,
    action: effect.action,
    reason: effect.reason,
    note: effect.note,
    type: effect.eventType,
    regarding: {
      apiVersion: cr.apiVersion,
      kind: cr.kind,
      name: cr.metadata.name,
      ...(cr.metadata.namespace !== undefined ? { namespace: cr.metadata.namespace } : {}),
      ...(cr.metadata.uid !== undefined ? { uid: cr.metadata.uid } : {}),
      ...(cr.metadata.resourceVersion !== undefined ? { resourceVersion: cr.metadata.resourceVersion } : {}),
    },
  };
}

import { type CachedCr, type Effect, FIELD_MANAGER } from '@orkestra/lib/runtime';
import type { Cluster, ClusterError, ClusterResult, Entropy, Resource } from '@orkestra/lib/ports';
import { buildEvent } from './build-event.ts';

/** The Events API the runtime writes to (spec/rbac.md grants create on both groups). */
export const EVENTS_RESOURCE: Resource = { group: 'events.k8s.io', version: 'v1', resource: 'events', namespaced: true };

/** What executing one effect needs: the port, the CR it is about, and who records Events. */
export interface EffectContext {
  readonly cluster: Cluster;
  readonly crResource: Resource;
  readonly cr: CachedCr;
  readonly nowMs: number;
  readonly entropy: Entropy;
  /** `reportingInstance` of Events: this replica's identity. */
  readonly instance: string;
}

/** Executes one planned effect through the Cluster port; a delete of an object already gone counts as done. */
export async function executeEffect(effect: Effect, ctx: EffectContext): Promise<ClusterResult<unknown>> {
  const { cluster, cr } = ctx;
  const crRef = { resource: ctx.crResource, name: cr.metadata.name, ...(cr.metadata.namespace !== undefined ? { namespace: cr.metadata.namespace } : {}) };
  switch (effect.type) {
    case 'addFinalizer':
    case 'removeFinalizer':
      return cluster.patchMetadata(crRef, {
        finalizers: effect.finalizers,
        ...(effect.resourceVersion !== undefined ? { resourceVersion: effect.resourceVersion } : {}),
      }, FIELD_MANAGER);
    case 'apply':
      return cluster.apply(effect.resource, effect.object, { fieldManager: effect.fieldManager, force: effect.force });
    case 'delete': {
      const r = await cluster.delete(
        { resource: effect.resource, name: effect.name, ...(effect.namespace !== undefined ? { namespace: effect.namespace } : {}) },
        { propagationPolicy: 'Background', ...(effect.uid !== undefined ? { uid: effect.uid } : {}) },
      );
      return !r.ok && r.error.type === 'not-found' ? { ok: true, value: undefined } : r;
    }
    case 'patchStatus':
      return cluster.patchStatus(crRef, effect.status, FIELD_MANAGER);
    case 'event': {
      const suffix = Math.floor(ctx.entropy.float() * 2 ** 48).toString(16).padStart(12, '0');
      return cluster.create(EVENTS_RESOURCE, buildEvent(cr, effect, ctx.nowMs, ctx.instance, suffix));
    }
  }
}

/** One line for a failed effect, for status messages and logs. */
export function describeFailure(effect: Effect, error: ClusterError): string {
  const what = effect.type === 'apply' ? `apply ${effect.key}` : effect.type === 'delete' ? `delete ${effect.key}` : effect.type;
  return `${what} failed (${error.type}${error.status !== undefined ? ` ${error.status}` : ''}): ${error.message}`;
}

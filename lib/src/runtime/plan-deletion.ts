import { canOwnIn } from './decorate-child.ts';
import { FINALIZER, OWNER_KEY_ANNOTATION, ownerKeyOf } from './names.ts';
import type { Effect, ReconcileInput, ReconcilePlan } from './reconcile-types.ts';
import { escapeControl } from '../util/escape-control.ts';

/** How long to wait before checking again that deleted children are gone (their watch events usually come first). */
export const DELETION_RECHECK_MS = 2000;

/**
 * The deletion path of a CR with a deletionTimestamp: delete the children owner references
 * cannot reach (cluster-scoped, or in another namespace), wait until they are gone, then remove
 * the finalizer. Owned children are left to the garbage collector. Without our finalizer there
 * is nothing to do.
 */
export function planDeletion(input: ReconcileInput): ReconcilePlan {
  const { crd, cr } = input;
  const finalizers = cr.metadata.finalizers ?? [];
  if (!finalizers.includes(FINALIZER)) return { effects: [], outcome: { type: 'done' } };
  const ownerKey = ownerKeyOf(crd, cr.metadata);
  const leftovers = [...input.observedChildren]
    .filter(([, c]) => c.metadata.annotations?.[OWNER_KEY_ANNOTATION] === ownerKey && !canOwnIn(cr.metadata.namespace, c.metadata.namespace))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (leftovers.length === 0) {
    return {
      effects: [{
        type: 'removeFinalizer',
        finalizers: finalizers.filter((f) => f !== FINALIZER),
        ...(cr.metadata.resourceVersion !== undefined ? { resourceVersion: cr.metadata.resourceVersion } : {}),
      }],
      outcome: { type: 'done' },
    };
  }
  const effects: Effect[] = [];
  const names: string[] = [];
  for (const [key, child] of leftovers) {
    // A child already terminating needs no second DELETE; we only wait for it.
    if (child.metadata.deletionTimestamp) continue;
    effects.push({
      type: 'delete', key, resource: child.resource, name: child.metadata.name, reason: 'owner-deleted',
      ...(child.metadata.namespace ? { namespace: child.metadata.namespace } : {}),
      ...(child.metadata.uid ? { uid: child.metadata.uid } : {}),
    });
    names.push(`${child.resource.resource} ${child.metadata.namespace ? `${child.metadata.namespace}/` : ''}${child.metadata.name}`);
  }
  if (names.length > 0) {
    effects.push({ type: 'event', eventType: 'Normal', reason: 'Deleting', action: 'Delete', note: truncateNote(`deleting children owner references cannot reach: ${names.join(', ')}`) });
  }
  return { effects, outcome: { type: 'requeue', afterMs: DELETION_RECHECK_MS } };
}

/** Cuts an Event note to the 1024 characters events.k8s.io/v1 allows. */
export function truncateNote(note: string): string {
  // `kubectl describe` prints notes raw; a CR's values in them must not drive the terminal (issue 12).
  const safe = escapeControl(note);
  return safe.length <= 1024 ? safe : `${safe.slice(0, 1023)}…`;
}

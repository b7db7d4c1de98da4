import { childHealth } from './child-health.ts';
import { canOwnIn } from './decorate-child.ts';
import { parseTime } from './format-time.ts';
import { FIELD_MANAGER, FINALIZER, OWNER_KEY_ANNOTATION, ownerKeyOf } from './names.ts';
import type { ConditionSet } from '../conditions/condition-model.ts';
import { evaluateConditionSet } from '../conditions/evaluate-condition-set.ts';
import { childObject, describe, peersOf, planDesired, scopeOf } from './plan-desired.ts';
import { planStatusPatch } from './plan-status.ts';
import type { Effect, ReconcileInput, ReconcilePlan } from './reconcile-types.ts';
import { escapeControl } from '../util/escape-control.ts';

/** How long to wait before checking again that deleted children are gone (their watch events usually come first). */
export const DELETION_RECHECK_MS = 2000;

/** Longest wait between looks at a running onDelete (Job events usually come first). */
export const ON_DELETE_RECHECK_MS = 30_000;

/**
 * The deletion path of a CR with a deletionTimestamp: run `onDelete` (create its resources, wait
 * for its Jobs, group after group when ordered), then delete the children owner references
 * cannot reach (cluster-scoped, or in another namespace), wait until they are gone, and remove
 * the finalizer. Owned children are left to the garbage collector. Without our finalizer there
 * is nothing to do.
 */
export function planDeletion(input: ReconcileInput): ReconcilePlan {
  const { crd, cr } = input;
  const finalizers = cr.metadata.finalizers ?? [];
  if (!finalizers.includes(FINALIZER)) return { effects: [], outcome: { type: 'done' } };
  const cleanup = planOnDelete(input);
  if (cleanup.type === 'plan') return cleanup.plan;
  const ownerKey = ownerKeyOf(crd, cr.metadata);
  const leftovers = [...input.observedChildren]
    .filter(([, c]) => c.metadata.annotations?.[OWNER_KEY_ANNOTATION] === ownerKey && !canOwnIn(cr.metadata.namespace, c.metadata.namespace))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (leftovers.length === 0) {
    return {
      effects: [...cleanup.effects, {
        type: 'removeFinalizer',
        finalizers: finalizers.filter((f) => f !== FINALIZER),
        ...(cr.metadata.resourceVersion !== undefined ? { resourceVersion: cr.metadata.resourceVersion } : {}),
      }],
      outcome: { type: 'done' },
    };
  }
  const effects: Effect[] = [...cleanup.effects];
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

/**
 * onDelete (reference §1.17): `{type: 'plan'}` while it runs or has timed out (the finalizer
 * stays), `{type: 'done', effects}` once every group finished (effects: a Warning for Jobs that
 * failed), or when there is none or its `when` does not hold.
 */
function planOnDelete(input: ReconcileInput): { type: 'plan'; plan: ReconcilePlan } | { type: 'done'; effects: Effect[] } {
  const onDelete = input.crd.onDelete;
  if (!onDelete) return { type: 'done', effects: [] };
  const scope = scopeOf(input);
  const context = peersOf(input);
  const holds = (set: ConditionSet): boolean => evaluateConditionSet(set, scope, context);
  if (!holds(onDelete.conditions)) return { type: 'done', effects: [] };
  // Unordered, the groups whose when/or hold run as one.
  const groups = onDelete.ordered ? onDelete.groups.filter((g) => holds(g.conditions)) : [{ name: undefined, items: onDelete.groups.filter((g) => holds(g.conditions)).flatMap((g) => g.items) }];
  const failedJobs: string[] = [];
  for (const [i, group] of groups.entries()) {
    const desired = planDesired(input, group.items, scope.children);
    if (desired.problems.length > 0) {
      const message = `onDelete: ${desired.problems.join('; ')}`;
      return { type: 'plan', plan: { effects: [{ type: 'event', eventType: 'Warning', reason: 'OnDeleteError', action: 'Delete', note: truncateNote(message) }], outcome: { type: 'failed', message } } };
    }
    const effects: Effect[] = [];
    const created: string[] = [], running: string[] = [];
    for (const child of desired.children) {
      const observed = input.observedChildren.get(child.key);
      const what = describe(child.object.kind, child.object.metadata.namespace, child.object.metadata.name);
      if (!observed) {
        effects.push({ type: 'apply', key: child.key, resource: child.resource, object: child.object, fingerprint: child.fingerprint, fieldManager: FIELD_MANAGER, force: true, cause: 'create' });
        created.push(what);
      }
      // Jobs are awaited; everything else only has to exist.
      if (child.object.kind !== 'Job') continue;
      const health = childHealth({ group: child.resource.group, kind: 'Job', object: observed ? childObject(observed) : child.object });
      if (health.status === 'Failed') failedJobs.push(`${what}: ${health.message}`);
      else if (health.status !== 'Current') running.push(`${what}: ${health.message}`);
    }
    if (created.length === 0 && running.length === 0) continue;
    const label = groups.length > 1 ? `group ${group.name ?? i + 1} of ${groups.length}: ` : '';
    return { type: 'plan', plan: waiting(input, onDelete.timeoutMs, effects, created, `${label}${running.length ? `waiting for ${running.join('; ')}` : `created ${created.join(', ')}`}`) };
  }
  return {
    type: 'done',
    effects: failedJobs.length > 0 ? [{ type: 'event', eventType: 'Warning', reason: 'OnDeleteJobFailed', action: 'Delete', note: truncateNote(`onDelete Jobs failed (the CR is let go anyway): ${failedJobs.join('; ')}`) }] : [],
  };
}

// While onDelete runs, Ready says so (written only when it changes); past the timeout it says the
// finalizer stays, once, with a Warning Event, and the key is not re-queued: a resync, or a Job
// finishing late, looks again.
function waiting(input: ReconcileInput, timeoutMs: number, effects: Effect[], created: readonly string[], progress: string): ReconcilePlan {
  const { crd, cr, nowMs } = input;
  const startedMs = parseTime(cr.metadata.deletionTimestamp) ?? nowMs;
  const leftMs = startedMs + timeoutMs - nowMs;
  const out: Effect[] = [...effects];
  if (leftMs <= 0) {
    const message = `onDelete did not finish within ${Math.round(timeoutMs / 1000)} s, so the finalizer stays (${progress}); remove ${FINALIZER} by hand to let the object go`;
    const status = planStatusPatch(crd, cr, [{ type: 'Ready', status: 'False', reason: 'OnDeleteTimeout', message }], [], nowMs);
    if (status) {
      out.push({ type: 'patchStatus', status, ready: { status: 'False', reason: 'OnDeleteTimeout' } });
      out.push({ type: 'event', eventType: 'Warning', reason: 'OnDeleteTimeout', action: 'Delete', note: truncateNote(message) });
    }
    return { effects: out, outcome: { type: 'done' } };
  }
  const status = planStatusPatch(crd, cr, [{ type: 'Ready', status: 'False', reason: 'Deleting', message: `onDelete: ${progress}` }], [], nowMs);
  if (status) out.push({ type: 'patchStatus', status, ready: { status: 'False', reason: 'Deleting' } });
  if (created.length > 0) out.push({ type: 'event', eventType: 'Normal', reason: 'OnDelete', action: 'Delete', note: truncateNote(`created ${created.join(', ')}`) });
  return { effects: out, outcome: { type: 'requeue', afterMs: Math.max(1000, Math.min(leftMs, ON_DELETE_RECHECK_MS)) } };
}

/** Cuts an Event note to the 1024 characters events.k8s.io/v1 allows. */
export function truncateNote(note: string): string {
  // `kubectl describe` prints notes raw; a CR's values in them must not drive the terminal (issue 12).
  const safe = escapeControl(note);
  return safe.length <= 1024 ? safe : `${safe.slice(0, 1023)}…`;
}

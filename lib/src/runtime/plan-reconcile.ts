import { pruneReason } from '../katalog/prune-reason.ts';
import { childResourceOf } from './child-key.ts';
import { decideReadiness, type ConditionState } from './decide-readiness.ts';
import { canOwnIn } from './decorate-child.ts';
import { detectDrift } from './detect-drift.ts';
import { APPLIED_HASH_ANNOTATION, FIELD_MANAGER, FINALIZER, OWNER_KEY_ANNOTATION, ownerKeyOf } from './names.ts';
import { planDeletion, truncateNote } from './plan-deletion.ts';
import { childObject, describe, peersOf, planDesired, scopeOf, type DesiredChild } from './plan-desired.ts';
import { conditionField, planStatusPatch, renderStatusFields, withStatusValues } from './plan-status.ts';
import type { Effect, ObservedChild, ReconcileInput, ReconcilePlan } from './reconcile-types.ts';

/** How long to wait for a desired child that is still terminating before applying it again. */
export const TERMINATING_CHILD_RECHECK_MS = 1000;

/**
 * One reconcile of one CR, as data: add the finalizer, apply the children that are missing, out
 * of date or drifted, delete children no longer desired, patch status (Ready from the children's
 * health, Applied from this apply), record at most one Event. A converged CR yields no effects at
 * all (see spec/runtime.md, "zero writes").
 */
export function planReconcile(input: ReconcileInput): ReconcilePlan {
  const { crd, cr } = input;
  if (cr.metadata.deletionTimestamp) return planDeletion(input);
  const effects: Effect[] = [];
  const finalizers = cr.metadata.finalizers ?? [];
  if (!finalizers.includes(FINALIZER)) {
    effects.push({
      type: 'addFinalizer',
      finalizers: [...finalizers, FINALIZER],
      ...(cr.metadata.resourceVersion !== undefined ? { resourceVersion: cr.metadata.resourceVersion } : {}),
    });
  }
  // Status first (it reads the CR and the children as cached), then the children against the
  // status it will show: items that follow `.status` (a pipeline) move on in the same reconcile.
  const scope = scopeOf(input);
  const fields = renderStatusFields(crd, scope, input.templateCache, peersOf(input));
  const next = fields.values.length > 0 ? { ...input, cr: { ...cr, status: withStatusValues(cr.status, fields.values) } } : input;
  const desired = planDesired(next, crd.children, scope.children);
  const problems = [...desired.problems, ...fields.problems];
  if (problems.length > 0) {
    const head = problems.length === 1 ? problems[0]! : `${problems.length} problems: ${problems.join('; ')}`;
    return withFailure(input, effects, head);
  }

  const changes: string[] = [];
  let waiting = false;
  for (const child of desired.children) {
    const observed = input.observedChildren.get(child.key);
    if (observed?.metadata.deletionTimestamp) {
      waiting = true;
      continue;
    }
    const why = applyCause(child, observed, input);
    if (!why) continue;
    effects.push({
      type: 'apply', key: child.key, resource: child.resource, object: child.object, fingerprint: child.fingerprint, fieldManager: FIELD_MANAGER, force: true,
      cause: why.cause, ...(why.cause === 'drift' && observed?.metadata.resourceVersion !== undefined ? { observedResourceVersion: observed.metadata.resourceVersion } : {}),
    });
    changes.push(why.note);
  }
  for (const effect of planPrune(input, new Set(desired.children.map((c) => c.key)))) {
    effects.push(effect);
    changes.push(`deleted ${describe(effect.resource.resource, effect.namespace, effect.name)} (no longer desired)`);
  }

  if (waiting) return { effects, outcome: { type: 'requeue', afterMs: TERMINATING_CHILD_RECHECK_MS } };
  const n = desired.children.length;
  const ready = decideReadiness(desired.children.map((c) => {
    const observed = input.observedChildren.get(c.key);
    // A child applied just now is not in the cache yet: judge the object we applied (no status).
    return { group: c.resource.group, kind: c.object.kind, name: c.object.metadata.name, object: observed ? childObject(observed) : c.object };
  }));
  const applied: ConditionState = { type: 'Applied', status: 'True', reason: 'ApplySucceeded', message: `${n} ${n === 1 ? 'child' : 'children'} applied` };
  const status = planStatusPatch(crd, cr, [ready, applied], fields.values, input.nowMs);
  if (status) effects.push({ type: 'patchStatus', status, ...(crd.status.conditions ? { ready: { status: ready.status, reason: ready.reason } } : {}) });
  const event = planEvent(input, changes, crd.status.conditions ? ready : undefined);
  if (event) effects.push(event);
  return { effects, outcome: { type: 'done' } };
}

/**
 * What to write when a reconcile fails, whether in planning or while executing effects (the
 * runtime calls this with the error of the effect that failed): Ready and Applied False with
 * ReconcileError (written only when they change) and a Warning Event.
 */
export function planReconcileFailure(input: Pick<ReconcileInput, 'crd' | 'cr' | 'nowMs'>, message: string): ReconcilePlan {
  return withFailure(input, [], message);
}

function withFailure(input: Pick<ReconcileInput, 'crd' | 'cr' | 'nowMs'>, effects: Effect[], message: string): ReconcilePlan {
  const conditions: ConditionState[] = [
    { type: 'Ready', status: 'False', reason: 'ReconcileError', message },
    { type: 'Applied', status: 'False', reason: 'ReconcileError', message },
  ];
  const status = planStatusPatch(input.crd, input.cr, conditions, [], input.nowMs);
  return {
    effects: [
      ...effects,
      ...(status ? [{ type: 'patchStatus', status, ready: { status: 'False', reason: 'ReconcileError' } } as const] : []),
      { type: 'event', eventType: 'Warning', reason: 'ReconcileError', action: 'Reconcile', note: truncateNote(message) },
    ],
    outcome: { type: 'failed', message },
  };
}

// A missing child is created. A reconcile-child is applied again when its desired object changed
// (the hash on the cached child, or what this process last applied, differs) or when someone else
// took a field of ours (detectDrift), unless that drift was already corrected and the cache has
// not caught up. onCreate children are only created, never corrected.
function applyCause(child: DesiredChild, observed: ObservedChild | undefined, input: ReconcileInput): { cause: 'create' | 'update' | 'drift'; note: string } | undefined {
  const what = describe(child.object.kind, child.object.metadata.namespace, child.object.metadata.name);
  if (!observed) return { cause: 'create', note: `applied ${what}` };
  if (!child.reconcile) return undefined;
  const appliedHash = input.lastApplied?.get(child.key);
  if (observed.metadata.annotations?.[APPLIED_HASH_ANNOTATION] !== child.fingerprint || (appliedHash !== undefined && appliedHash !== child.fingerprint)) {
    return { cause: 'update', note: `applied ${what}` };
  }
  const rv = observed.metadata.resourceVersion;
  if (rv !== undefined && input.driftApplied?.get(child.key) === rv) return undefined;
  const drift = detectDrift(child.object, observed.managed);
  return drift.type === 'drifted' ? { cause: 'drift', note: `corrected drift in ${what} (${drift.path})` } : undefined;
}

/**
 * Deletes cached children of this CR that are no longer desired: those it cannot own (cluster-
 * scoped, another namespace; the garbage collector cannot reach them), and owned ones of a kind
 * some item can stop producing (pruneReason), which is exactly where spec/rbac.md grants delete.
 */
function planPrune(input: ReconcileInput, wanted: ReadonlySet<string>): Extract<Effect, { type: 'delete' }>[] {
  const { crd, cr } = input;
  const ownerKey = ownerKeyOf(crd, cr.metadata);
  const prunable = new Set(crd.children.filter((i) => pruneReason(i) !== undefined).flatMap((i) => {
    const r = childResourceOf(i);
    return r ? [`${r.group}/${r.resource}`] : [];
  }));
  const out: Extract<Effect, { type: 'delete' }>[] = [];
  for (const [key, child] of [...input.observedChildren].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (wanted.has(key) || child.metadata.deletionTimestamp) continue;
    if (child.metadata.annotations?.[OWNER_KEY_ANNOTATION] !== ownerKey) continue;
    if (canOwnIn(cr.metadata.namespace, child.metadata.namespace) && !prunable.has(`${child.resource.group}/${child.resource.resource}`)) continue;
    out.push({
      type: 'delete', key, resource: child.resource, name: child.metadata.name, reason: 'no-longer-desired',
      ...(child.metadata.namespace ? { namespace: child.metadata.namespace } : {}),
      ...(child.metadata.uid ? { uid: child.metadata.uid } : {}),
    });
  }
  return out;
}

/**
 * At most one Event per reconcile, and only for a change: `Reconciled` when children were
 * applied or deleted (noting a Ready change too), else one for Ready changing against what this
 * process last wrote (or, after a restart, what the CR shows): `Ready`, `NotReady`, or a Warning
 * `ChildFailed`. A status someone else rewrote is restored without an Event.
 */
function planEvent(input: ReconcileInput, changes: readonly string[], ready: ConditionState | undefined): Effect | undefined {
  const before = input.lastReady ?? { status: conditionField(input.cr.status, 'Ready', 'status'), reason: conditionField(input.cr.status, 'Ready', 'reason') };
  // A child failing is news even while Ready was already False (waiting for it).
  const flipped = ready !== undefined && (before.status !== ready.status || (ready.reason === 'ChildFailed' && before.reason !== 'ChildFailed'));
  const readyNote = ready === undefined ? '' : ready.status === 'True' ? 'ready' : `not ready: ${ready.message}`;
  if (changes.length > 0) {
    return { type: 'event', eventType: 'Normal', reason: 'Reconciled', action: 'Reconcile', note: truncateNote(`${changes.join(', ')}${flipped ? `; ${readyNote}` : ''}`) };
  }
  if (!flipped || !ready) return undefined;
  if (ready.status === 'True') return { type: 'event', eventType: 'Normal', reason: 'Ready', action: 'Reconcile', note: truncateNote(ready.message) };
  return ready.reason === 'ChildFailed'
    ? { type: 'event', eventType: 'Warning', reason: 'ChildFailed', action: 'Reconcile', note: truncateNote(ready.message) }
    : { type: 'event', eventType: 'Normal', reason: 'NotReady', action: 'Reconcile', note: truncateNote(ready.message) };
}

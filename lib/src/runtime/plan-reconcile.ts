import type { ConditionContext } from '../conditions/condition-model.ts';
import type { KubeObject } from '../children/kube-object.ts';
import { planChildren } from './plan-children.ts';
import { inApplyOrder } from './apply-order.ts';
import { childKey, childResourceOf, type ChildResource } from './child-key.ts';
import { canOwnIn, decorateChild } from './decorate-child.ts';
import { APPLIED_HASH_ANNOTATION, FIELD_MANAGER, FINALIZER, OWNER_KEY_ANNOTATION, ownerKeyOf } from './names.ts';
import { planDeletion, truncateNote } from './plan-deletion.ts';
import { planStatusPatch, renderStatusFields, type ReadyState } from './plan-status.ts';
import type { Effect, ReconcileInput, ReconcilePlan } from './reconcile-types.ts';

/** How long to wait for a desired child that is still terminating before applying it again. */
export const TERMINATING_CHILD_RECHECK_MS = 1000;

interface DesiredChild {
  readonly key: string;
  readonly resource: ChildResource;
  readonly object: KubeObject;
  readonly fingerprint: string;
  readonly reconcile: boolean;
}

/**
 * One reconcile of one CR, as data: add the finalizer, apply the children that are missing or
 * out of date, delete unreachable children that are no longer desired, patch status, record an
 * Event. A converged CR yields no effects at all (see spec/runtime.md, "zero writes").
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
  const desired = planDesired(input);
  const fields = renderStatusFields(crd, cr, input.templateCache, peersOf(input));
  const problems = [...desired.problems, ...fields.problems];
  if (problems.length > 0) {
    const head = problems.length === 1 ? problems[0]! : `${problems.length} problems: ${problems.join('; ')}`;
    return withFailure(input, effects, head);
  }

  const changes: string[] = [];
  let waiting = false;
  const lastApplied = input.lastApplied ?? new Map<string, string>();
  for (const child of desired.children) {
    const observed = input.observedChildren.get(child.key);
    if (observed?.metadata.deletionTimestamp) {
      waiting = true;
      continue;
    }
    if (observed && !needsApply(child, observed.metadata.annotations?.[APPLIED_HASH_ANNOTATION], lastApplied.get(child.key))) continue;
    effects.push({ type: 'apply', key: child.key, resource: child.resource, object: child.object, fingerprint: child.fingerprint, fieldManager: FIELD_MANAGER, force: true });
    changes.push(`applied ${describe(child.object.kind, child.object.metadata.namespace, child.object.metadata.name)}`);
  }

  // Pruning needs `delete`, which spec/rbac.md grants only where owner references cannot reach;
  // owned children that are no longer desired stay until the garbage collector takes the CR's.
  const ownerKey = ownerKeyOf(crd, cr.metadata);
  const wanted = new Set(desired.children.map((c) => c.key));
  for (const [key, child] of [...input.observedChildren].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (wanted.has(key) || child.metadata.deletionTimestamp) continue;
    if (child.metadata.annotations?.[OWNER_KEY_ANNOTATION] !== ownerKey) continue;
    if (canOwnIn(cr.metadata.namespace, child.metadata.namespace)) continue;
    effects.push({
      type: 'delete', key, resource: child.resource, name: child.metadata.name, reason: 'no-longer-desired',
      ...(child.metadata.namespace ? { namespace: child.metadata.namespace } : {}),
      ...(child.metadata.uid ? { uid: child.metadata.uid } : {}),
    });
    changes.push(`deleted ${describe(child.resource.resource, child.metadata.namespace, child.metadata.name)}`);
  }

  if (waiting) return { effects, outcome: { type: 'requeue', afterMs: TERMINATING_CHILD_RECHECK_MS } };
  const ready: ReadyState = { status: 'True', reason: 'ReconcileSucceeded', message: `${desired.children.length} ${desired.children.length === 1 ? 'child' : 'children'} applied` };
  const wasReady = readyStatus(cr.status) === 'True';
  const status = planStatusPatch(crd, cr, ready, fields.values, input.nowMs);
  if (status) effects.push({ type: 'patchStatus', status });
  if (changes.length > 0 || (!wasReady && crd.status.conditions)) {
    effects.push({ type: 'event', eventType: 'Normal', reason: 'Reconciled', action: 'Reconcile', note: truncateNote(changes.length > 0 ? changes.join(', ') : 'ready') });
  }
  return { effects, outcome: { type: 'done' } };
}

/**
 * What to write when a reconcile fails, whether in planning or while executing effects (the
 * runtime calls this with the error of the effect that failed): Ready=False with
 * ReconcileError (written only when it changes) and a Warning Event.
 */
export function planReconcileFailure(input: Pick<ReconcileInput, 'crd' | 'cr' | 'nowMs'>, message: string): ReconcilePlan {
  return withFailure(input, [], message);
}

function withFailure(input: Pick<ReconcileInput, 'crd' | 'cr' | 'nowMs'>, effects: Effect[], message: string): ReconcilePlan {
  const ready: ReadyState = { status: 'False', reason: 'ReconcileError', message };
  const status = planStatusPatch(input.crd, input.cr, ready, [], input.nowMs);
  return {
    effects: [
      ...effects,
      ...(status ? [{ type: 'patchStatus', status } as const] : []),
      { type: 'event', eventType: 'Warning', reason: 'ReconcileError', action: 'Reconcile', note: truncateNote(message) },
    ],
    outcome: { type: 'failed', message },
  };
}

// A reconcile-child is current when the cluster carries the desired hash and, if this process
// applied it since it started, that was the desired hash too: the watch cache may still show an
// older apply of ours. onCreate children are only created, never corrected.
function needsApply(child: DesiredChild, observedHash: string | undefined, appliedHash: string | undefined): boolean {
  if (!child.reconcile) return false;
  return observedHash !== child.fingerprint || (appliedHash !== undefined && appliedHash !== child.fingerprint);
}

function planDesired(input: ReconcileInput): { children: DesiredChild[]; problems: string[] } {
  const { crd, cr } = input;
  const uid = cr.metadata.uid;
  if (!uid) return { children: [], problems: ['the CR has no metadata.uid, so no owner reference can name it'] };
  const plan = planChildren(crd, { apiVersion: cr.apiVersion, kind: cr.kind, metadata: { ...cr.metadata }, spec: cr.spec, status: cr.status }, input.templateCache, peersOf(input));
  const problems = plan.problems.map((p) => `${p.path}: ${p.message}`);
  const ownerKey = ownerKeyOf(crd, cr.metadata);
  const owner = { apiVersion: cr.apiVersion, kind: cr.kind, metadata: { name: cr.metadata.name, namespace: cr.metadata.namespace, uid } };
  const children: DesiredChild[] = [];
  const seen = new Set<string>();
  for (const planned of plan.children) {
    const resource = childResourceOf(planned.item);
    if (!resource) {
      problems.push(`${planned.item.key}[${planned.item.index}]: unknown child type`);
      continue;
    }
    const key = childKey(resource, planned.object.metadata.namespace, planned.object.metadata.name);
    if (seen.has(key)) {
      problems.push(`${planned.item.key}[${planned.item.index}]: renders ${describe(planned.object.kind, planned.object.metadata.namespace, planned.object.metadata.name)}, which another item already renders`);
      continue;
    }
    seen.add(key);
    const { object, fingerprint } = decorateChild(planned.object, owner, ownerKey);
    children.push({ key, resource, object, fingerprint, reconcile: planned.reconcile });
  }
  return { children: inApplyOrder(children), problems };
}

function describe(kind: string, namespace: string | undefined, name: string): string {
  return `${kind} ${namespace ? `${namespace}/` : ''}${name}`;
}

function readyStatus(status: unknown): unknown {
  if (status === null || typeof status !== 'object') return undefined;
  const conditions = (status as Record<string, unknown>)['conditions'];
  if (!Array.isArray(conditions)) return undefined;
  const ready = conditions.find((c): c is Record<string, unknown> => c !== null && typeof c === 'object' && (c as Record<string, unknown>)['type'] === 'Ready');
  return ready?.['status'];
}

// `unique` conditions compare with the other custom resources of the CRD (issue 14).
function peersOf(input: ReconcileInput): ConditionContext {
  return input.peers ? { peers: input.peers } : {};
}

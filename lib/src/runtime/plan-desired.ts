// The desired children of one CR, and the data their templates read: shared by the normal
// reconcile and by onDelete.
import type { KubeObject } from '../children/kube-object.ts';
import type { ConditionContext } from '../conditions/condition-model.ts';
import type { ChildItem } from '../katalog/model.ts';
import { planChildren } from './plan-children.ts';
import { inApplyOrder } from './apply-order.ts';
import { childKey, childResourceOf, type ChildResource } from './child-key.ts';
import { buildChildrenView } from './children-view.ts';
import { decorateChild } from './decorate-child.ts';
import { ownerKeyOf } from './names.ts';
import type { CachedCr, ObservedChild, ReconcileInput } from './reconcile-types.ts';

/** One desired child, decorated and fingerprinted. */
export interface DesiredChild {
  readonly key: string;
  readonly resource: ChildResource;
  readonly object: KubeObject;
  readonly fingerprint: string;
  readonly reconcile: boolean;
}

/** The data templates and conditions read: the CR and its `.children`. */
export function scopeOf(input: Pick<ReconcileInput, 'crd' | 'cr' | 'observedChildren'>): CachedCr & { readonly children: Readonly<Record<string, unknown>> } {
  const { crd, cr } = input;
  const items = crd.onDelete ? [...crd.children, ...crd.onDelete.groups.flatMap((g) => g.items)] : crd.children;
  return { apiVersion: cr.apiVersion, kind: cr.kind, metadata: cr.metadata, spec: cr.spec, status: cr.status, children: buildChildrenView(items, input.observedChildren) };
}

/** The object health rules read of a cached child. */
export function childObject(child: ObservedChild): { metadata: ObservedChild['metadata']; spec?: unknown; status?: unknown } {
  return { metadata: child.metadata, ...child.kept, ...(child.status !== undefined ? { status: child.status } : {}) };
}

/** Renders, decorates and fingerprints the desired children of `items`, in apply order. */
export function planDesired(input: ReconcileInput, items: readonly ChildItem[], children: Readonly<Record<string, unknown>>): { children: DesiredChild[]; problems: string[] } {
  const { crd, cr } = input;
  const uid = cr.metadata.uid;
  if (!uid) return { children: [], problems: ['the CR has no metadata.uid, so no owner reference can name it'] };
  const plan = planChildren(crd, { apiVersion: cr.apiVersion, kind: cr.kind, metadata: { ...cr.metadata }, spec: cr.spec, status: cr.status }, {
    children, items, context: peersOf(input), ...(input.templateCache ? { cache: input.templateCache } : {}),
  });
  const problems = plan.problems.map((p) => `${p.path}: ${p.message}`);
  const ownerKey = ownerKeyOf(crd, cr.metadata);
  const owner = { apiVersion: cr.apiVersion, kind: cr.kind, metadata: { name: cr.metadata.name, namespace: cr.metadata.namespace, uid } };
  const out: DesiredChild[] = [];
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
    const { object, fingerprint } = decorateChild(planned.object, owner, ownerKey, input.sha256);
    out.push({ key, resource, object, fingerprint, reconcile: planned.reconcile });
  }
  return { children: inApplyOrder(out), problems };
}

/** What `unique` conditions compare with: the CRD's other custom resources, when the runtime passed them. */
export function peersOf(input: Pick<ReconcileInput, 'peers'>): ConditionContext {
  return input.peers ? { peers: input.peers } : {};
}

/** `Kind namespace/name`, for notes and messages. */
export function describe(kind: string, namespace: string | undefined, name: string): string {
  return `${kind} ${namespace ? `${namespace}/` : ''}${name}`;
}

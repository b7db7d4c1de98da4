import { itemTarget } from '../children/item-target.ts';
import type { ChildItem, CrdEntry } from '../katalog/model.ts';

/** The API resource a child item writes to, as the RBAC planner needs it. */
export interface ChildTarget {
  /** `''` is the core group. */
  readonly group: string;
  readonly kind: string;
  /** Plural resource name. */
  readonly resource: string;
  readonly namespaced: boolean;
  /** True when the plural was guessed from the kind (a `custom` item without `plural`). */
  readonly inferred: boolean;
}

// The namespace templates that mean "the CR's namespace", the builders' default.
const CR_NAMESPACE = /^\{\{-?\s*\.metadata\.namespace\s*-?\}\}$/;

/** Resolves the group, resource and scope of a child item (see itemTarget). */
export function childTarget(item: ChildItem): ChildTarget | undefined {
  const t = itemTarget(item);
  return t && { group: t.group, kind: t.kind, resource: t.resource, namespaced: t.namespaced, inferred: t.inferred };
}

/**
 * Where a namespaced child goes relative to its CR: `cr` (the default, or a template that is
 * exactly the CR's namespace), a literal namespace, or `templated` (unknown until rendered).
 */
export type ChildPlacement =
  | { readonly type: 'cr' }
  | { readonly type: 'literal'; readonly namespace: string }
  | { readonly type: 'templated' };

/** Reads a child item's `namespace` field. */
export function childPlacement(item: ChildItem): ChildPlacement {
  const ns = item.spec['namespace'];
  if (ns === undefined || (typeof ns === 'string' && CR_NAMESPACE.test(ns.trim()))) return { type: 'cr' };
  if (typeof ns === 'string' && !ns.includes('{{')) return { type: 'literal', namespace: ns };
  return { type: 'templated' };
}

/**
 * Whether the runtime puts an owner reference on the child (mirrors children's `canOwn`): a
 * cluster-scoped CR owns every child; a namespaced CR only namespaced children in its own
 * namespace, because the garbage collector treats any other reference as dangling.
 */
export function ownedByCr(crd: CrdEntry, item: ChildItem, target: ChildTarget): boolean {
  if (crd.scope === 'Cluster') return true;
  return target.namespaced && childPlacement(item).type === 'cr';
}

// `.children` in templates and conditions (reference §1.13, layer 3): a value built from the
// runtime's own child cache for one CR, never from a GET. DESIGN §12: the plan receives a view,
// not a port that fetches.
import { CHILD_ACCESSORS } from '../kube-types/child-accessors.ts';
import { itemTarget } from '../children/item-target.ts';
import type { ChildItem } from '../katalog/model.ts';
import type { ObservedChild } from './reconcile-types.ts';

/** A child as templates see it: the cached object (metadata, status and the kept fields). */
export type ChildValue = Readonly<Record<string, unknown>>;

const kindKeysByCrd = new WeakMap<readonly ChildItem[], ReadonlyMap<string, string>>();

/**
 * Builds `.children` for one CR: under each kind's plural a map of its children by name, under
 * its singular the most recently created one (so in a pipeline of Jobs `.children.job` is the
 * step running now; with one child of a kind it is simply that child). Kinds without a child
 * are absent, so `exists`/`notExists` and `{{ if }}` work on them.
 */
export function buildChildrenView(items: readonly ChildItem[], observed: ReadonlyMap<string, ObservedChild>): Readonly<Record<string, unknown>> {
  const kindKeys = kindKeysOf(items);
  const byKind = new Map<string, ObservedChild[]>();
  for (const child of observed.values()) {
    const kindKey = kindKeys.get(`${child.resource.group}/${child.resource.resource}`);
    if (!kindKey) continue;
    let list = byKind.get(kindKey);
    if (!list) byKind.set(kindKey, (list = []));
    list.push(child);
  }
  const view: Record<string, unknown> = {};
  for (const [kindKey, children] of [...byKind].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const names = CHILD_ACCESSORS[kindKey];
    if (!names) continue;
    children.sort(byCreation);
    const many: Record<string, ChildValue> = {};
    for (const child of children) define(many, child.metadata.name, valueOf(child));
    for (const n of names.many) view[n] = many;
    for (const n of names.one) view[n] = valueOf(children[children.length - 1]!);
  }
  return view;
}

/** The template value of one cached child: apiVersion, kind, metadata, the kept fields, status. */
export function valueOf(child: ObservedChild): ChildValue {
  return {
    ...(child.apiVersion !== undefined ? { apiVersion: child.apiVersion } : {}),
    ...(child.kind !== undefined ? { kind: child.kind } : {}),
    metadata: child.metadata,
    ...child.kept,
    ...(child.status !== undefined ? { status: child.status } : {}),
  };
}

// Oldest first. Creation times are RFC 3339 in whole seconds, so two steps of a pipeline created
// in the same second tie: the order the runtime saw them in decides (its watch sends creations in
// order), then the name.
export function byCreation(a: ObservedChild, b: ObservedChild): number {
  const ta = String(a.metadata['creationTimestamp'] ?? ''), tb = String(b.metadata['creationTimestamp'] ?? '');
  if (ta !== tb) return ta < tb ? -1 : 1;
  if (a.seen !== undefined && b.seen !== undefined && a.seen !== b.seen) return a.seen - b.seen;
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
}

function kindKeysOf(items: readonly ChildItem[]): ReadonlyMap<string, string> {
  let keys = kindKeysByCrd.get(items);
  if (!keys) {
    const map = new Map<string, string>();
    for (const item of items) {
      const t = itemTarget(item);
      if (t && !map.has(`${t.group}/${t.resource}`)) map.set(`${t.group}/${t.resource}`, item.key);
    }
    kindKeysByCrd.set(items, (keys = map));
  }
  return keys;
}

// Names come from cluster data: define them, so `__proto__` stays a plain key.
function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

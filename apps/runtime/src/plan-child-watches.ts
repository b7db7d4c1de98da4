import type { ChildItem, CrdEntry } from '@orkestra/lib';
import { childPlacement } from '@orkestra/lib/rbac';
import { childResourceOf, type ChildResource } from '@orkestra/lib/runtime';

/** One watch of a child resource: in one namespace, or in all (`namespace` absent). */
export interface ChildWatch {
  readonly resource: ChildResource;
  readonly namespace?: string;
}

/**
 * The child watches of a CRD, within what spec/rbac.md grants: cluster-wide when the CRD watches
 * every namespace, the child is cluster-scoped or its namespace is templated; otherwise in the
 * CRD's namespace and in each literal namespace its items name.
 */
export function planChildWatches(crd: CrdEntry): ChildWatch[] {
  const byResource = new Map<string, { resource: ChildResource; namespaces: Set<string | undefined> }>();
  // onDelete items too: their Jobs are awaited from the cache (issue 14).
  for (const item of [...crd.children, ...(crd.onDelete?.groups.flatMap((g) => g.items) ?? [])]) {
    const resource = childResourceOf(item);
    if (!resource) continue;
    const key = `${resource.group}/${resource.resource}`;
    let entry = byResource.get(key);
    if (!entry) byResource.set(key, (entry = { resource, namespaces: new Set() }));
    entry.namespaces.add(watchNamespace(crd, item, resource));
  }
  return [...byResource.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, e]) => e).flatMap(({ resource, namespaces }) =>
    namespaces.has(undefined) ? [{ resource }] : [...namespaces].sort().map((namespace) => ({ resource, ...(namespace !== undefined ? { namespace } : {}) })));
}

function watchNamespace(crd: CrdEntry, item: ChildItem, resource: ChildResource): string | undefined {
  if (!resource.namespaced || crd.namespace === undefined) return undefined;
  const placement = childPlacement(item);
  if (placement.type === 'cr') return crd.namespace;
  return placement.type === 'literal' ? placement.namespace : undefined;
}

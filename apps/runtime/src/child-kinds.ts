import type { CrdEntry } from '@orkestra/lib';
import { CHILD_KINDS, customTarget } from '@orkestra/lib/children';

/** The apiVersion and kind of one child resource, as the HTTP API shows it. */
export interface ChildKind {
  readonly apiVersion: string;
  readonly kind: string;
}

/**
 * The kinds of a CRD's children by `group/resource`: list items carry no kind (and the cache
 * used to hold PartialObjectMetadata), so the kind comes from the Katalog, not the cached object.
 */
export function planChildKinds(crd: CrdEntry): ReadonlyMap<string, ChildKind> {
  const kinds = new Map<string, ChildKind>();
  for (const item of [...crd.children, ...(crd.onDelete?.groups.flatMap((g) => g.items) ?? [])]) {
    const target = item.key === 'custom' ? customTargetOf(item.spec) : builtinTargetOf(item.key);
    if (target) kinds.set(`${target.group}/${target.resource}`, { apiVersion: target.apiVersion, kind: target.kind });
  }
  return kinds;
}

interface Target { group: string; resource: string; apiVersion: string; kind: string }

function builtinTargetOf(key: string): Target | undefined {
  const info = (CHILD_KINDS as Record<string, (typeof CHILD_KINDS)[keyof typeof CHILD_KINDS] | undefined>)[key];
  if (!info || info.type !== 'builtin') return undefined;
  return { group: info.group, resource: info.resource, apiVersion: info.apiVersion, kind: info.kind };
}

function customTargetOf(spec: { readonly [field: string]: unknown }): Target | undefined {
  const { apiVersion, kind, plural, scope } = spec;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return undefined;
  const t = customTarget({
    apiVersion, kind,
    ...(typeof plural === 'string' ? { plural } : {}),
    ...(scope === 'Cluster' || scope === 'Namespaced' ? { scope } : {}),
  });
  return { group: t.group, resource: t.resource, apiVersion, kind: t.kind };
}

import { customTarget } from './custom-target.ts';
import { BUILTIN_KIND_META, type BuiltinKindKey } from './kind-meta.ts';

/** The API resource a child item writes to: what RBAC grants on and what the runtime applies to. */
export interface ItemTarget {
  /** `''` is the core group. */
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  /** Lowercase plural. */
  readonly resource: string;
  readonly namespaced: boolean;
  /** True when the plural was guessed from the kind (a `custom` item without `plural`). */
  readonly inferred: boolean;
}

/**
 * Resolves the resource of a child item from the kind table, or from a custom item's literal
 * apiVersion/kind/plural/scope. Undefined only for an item validation rejects.
 */
export function itemTarget(item: { readonly key: string; readonly spec: { readonly [field: string]: unknown } }): ItemTarget | undefined {
  if (item.key !== 'custom') {
    const meta = BUILTIN_KIND_META[item.key as BuiltinKindKey] as (typeof BUILTIN_KIND_META)[BuiltinKindKey] | undefined;
    if (!meta) return undefined;
    const version = meta.apiVersion.slice(meta.apiVersion.indexOf('/') + 1);
    return { group: meta.group, version, kind: meta.kind, resource: meta.resource, namespaced: meta.namespaced, inferred: false };
  }
  const { apiVersion, kind, plural, scope } = item.spec;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return undefined;
  const t = customTarget({
    apiVersion,
    kind,
    ...(typeof plural === 'string' ? { plural } : {}),
    ...(scope === 'Cluster' || scope === 'Namespaced' ? { scope } : {}),
  });
  return { group: t.group, version: t.version, kind: t.kind, resource: t.resource, namespaced: t.namespaced, inferred: t.inferred };
}

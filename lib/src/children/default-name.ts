import type { BuildContext, RenderedItem } from './kube-object.ts';
import { BUILTIN_KIND_META, type ChildKindKey } from './kind-meta.ts';

/** The CR's namespace, or undefined for a cluster-scoped CR. */
export function crNamespace(ctx: BuildContext): string | undefined {
  // An empty namespace is what some clients put on cluster-scoped objects: treat it as none.
  return ctx.clusterScopedCr ? undefined : ctx.cr.metadata.namespace || undefined;
}

/**
 * The name a child gets when its item has no `name`: `<cr>-<suffix>`, with `-2`, `-3`... for
 * the 2nd and later items of the kind (by `ctx.index`). Cluster-scoped children of a namespaced
 * CR are prefixed with the CR's namespace, because two CRs with the same name in different
 * namespaces would otherwise fight over one cluster-wide object; `namespaces` children are the
 * exception and take the CR's name as is. `item` is read only for `custom` (its kind and scope).
 */
export function defaultChildName(key: ChildKindKey, ctx: BuildContext, item?: RenderedItem): string {
  const { suffix, namespaced } = key === 'custom' ? customNaming(item) : builtinNaming(key);
  const ns = crNamespace(ctx);
  const prefix = !namespaced && key !== 'namespaces' && ns ? `${ns}-` : '';
  const base = `${prefix}${ctx.cr.metadata.name}${suffix ? `-${suffix}` : ''}`;
  return ctx.index > 0 ? `${base}-${ctx.index + 1}` : base;
}

function builtinNaming(key: Exclude<ChildKindKey, 'custom'>): { suffix: string; namespaced: boolean } {
  const meta = BUILTIN_KIND_META[key];
  return { suffix: meta.nameSuffix, namespaced: meta.namespaced };
}

function customNaming(item: RenderedItem | undefined): { suffix: string; namespaced: boolean } {
  const kind = item?.['kind'];
  return {
    suffix: typeof kind === 'string' && kind !== '' ? kind.toLowerCase() : 'custom',
    namespaced: item?.['scope'] !== 'Cluster',
  };
}

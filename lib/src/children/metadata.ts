import { checkAnnotationKeys, childLabels } from './labels.ts';
import { crNamespace, defaultChildName } from './default-name.ts';
import type { Fields } from './fields.ts';
import type { ChildKindKey } from './kind-meta.ts';
import type { BuildContext, KubeObject, RenderedItem } from './kube-object.ts';
import { isDnsLabel } from './kube-syntax.ts';
import { nameProblem } from './name-rules.ts';

/** How to name and place one child. */
export interface MetadataOptions {
  key: ChildKindKey;
  namespaced: boolean;
  /** The rendered item, for `custom` default names. */
  item?: RenderedItem;
}

/** Builds `metadata` for a child: name (or its default), namespace, labels, annotations. */
export function childMetadata(f: Fields, ctx: BuildContext, opts: MetadataOptions): KubeObject['metadata'] {
  const named = f.optString('name');
  const name = named ?? defaultChildName(opts.key, ctx, opts.item);
  const problem = nameProblem(opts.key, name);
  if (problem) f.fail('name', `${problem}${named === undefined ? ' (it is the default name; set name on the item)' : ''}`);
  const labels = childLabels(ctx, f.optStringMap('labels'));
  const annotations = f.optStringMap('annotations');
  checkAnnotationKeys(annotations);
  const namespace = opts.namespaced ? namespaceOf(f, ctx) : noNamespace(f);
  return {
    name,
    ...(namespace !== undefined && { namespace }),
    labels,
    ...(annotations && { annotations }),
  };
}

function namespaceOf(f: Fields, ctx: BuildContext): string {
  const ns = f.optString('namespace') ?? crNamespace(ctx)
    ?? f.fail('namespace', 'is required: the custom resource is cluster-scoped, so it has no namespace to lend its namespaced children');
  if (!isDnsLabel(ns)) f.fail('namespace', `${JSON.stringify(ns)} must be a DNS-1123 label`);
  return ns;
}

function noNamespace(f: Fields): undefined {
  if (f.has('namespace')) f.fail('namespace', 'is not allowed: this kind is cluster-scoped');
  return undefined;
}

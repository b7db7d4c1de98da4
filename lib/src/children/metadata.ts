import { checkAnnotationKeys, childLabels } from './labels.ts';
import { crNamespace, defaultChildName } from './default-name.ts';
import type { Fields } from './fields.ts';
import type { ChildKindKey } from './kind-meta.ts';
import type { BuildContext, KubeObject, RenderedItem } from './kube-object.ts';
import { isDns1035Label, isDnsLabel, isDnsSubdomain, isPathSegmentName } from './kube-syntax.ts';

/** The API server's rule for a kind's object names. */
export type NameRule = 'dns-subdomain' | 'dns-label' | 'dns-1035-label' | 'path-segment';

const RULES: Record<NameRule, { test: (s: string) => boolean; says: string }> = {
  'dns-subdomain': { test: isDnsSubdomain, says: 'a DNS-1123 subdomain (lowercase alphanumerics, "-" and ".", at most 253 characters)' },
  'dns-label': { test: isDnsLabel, says: 'a DNS-1123 label (lowercase alphanumerics and "-", at most 63 characters)' },
  'dns-1035-label': { test: isDns1035Label, says: 'a DNS-1035 label (lowercase alphanumerics and "-", starting with a letter, at most 63 characters)' },
  'path-segment': { test: isPathSegmentName, says: 'a name without "/" or "%"' },
};

/** How to name and place one child. */
export interface MetadataOptions {
  key: ChildKindKey;
  namespaced: boolean;
  nameRule: NameRule;
  /** A stricter length limit than the rule's (CronJob names: 52, to leave room for job suffixes). */
  maxNameLength?: number;
  /** The rendered item, for `custom` default names. */
  item?: RenderedItem;
}

/** Builds `metadata` for a child: name (or its default), namespace, labels, annotations. */
export function childMetadata(f: Fields, ctx: BuildContext, opts: MetadataOptions): KubeObject['metadata'] {
  const named = f.optString('name');
  const name = named ?? defaultChildName(opts.key, ctx, opts.item);
  const rule = RULES[opts.nameRule];
  if (!rule.test(name)) f.fail('name', `${JSON.stringify(name)} must be ${rule.says}${named === undefined ? ' (it is the default name; set name on the item)' : ''}`);
  if (opts.maxNameLength !== undefined && name.length > opts.maxNameLength) {
    f.fail('name', `${JSON.stringify(name)} is longer than ${opts.maxNameLength} characters`);
  }
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

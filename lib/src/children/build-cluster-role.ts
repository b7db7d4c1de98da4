import * as v from 'valibot';
import { buildRules, rulesField } from './build-rules.ts';
import { clusterItemEntries } from './cluster-entries.ts';
import { Fields } from './fields.ts';
import type { BuildContext, KubeObject, RenderedItem } from './kube-object.ts';
import { childMetadata } from './metadata.ts';
import { typeMeta } from './type-meta.ts';

/** A `clusterRoles` item. */
export const clusterRoleItemSchema = v.strictObject({ ...clusterItemEntries, rules: rulesField });

/** Builds an rbac.authorization.k8s.io/v1 ClusterRole; rules may use `nonResourceURLs`. */
export function buildClusterRole(item: RenderedItem, ctx: BuildContext): KubeObject {
  const f = new Fields(item);
  const metadata = childMetadata(f, ctx, { key: 'clusterRoles', namespaced: false });
  return { ...typeMeta('clusterRoles'), metadata, rules: buildRules(f, true) };
}

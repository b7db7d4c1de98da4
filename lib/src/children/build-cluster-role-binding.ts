import * as v from 'valibot';
import { buildRoleRef, buildSubjects, roleRefField, subjectsField } from './build-binding-parts.ts';
import { clusterItemEntries } from './cluster-entries.ts';
import { crNamespace } from './default-name.ts';
import { Fields } from './fields.ts';
import type { BuildContext, KubeObject, RenderedItem } from './kube-object.ts';
import { childMetadata } from './metadata.ts';
import { typeMeta } from './type-meta.ts';

/** A `clusterRoleBindings` item. */
export const clusterRoleBindingItemSchema = v.strictObject({
  ...clusterItemEntries,
  roleRef: v.optional(roleRefField),
  subjects: subjectsField,
});

/** Builds an rbac.authorization.k8s.io/v1 ClusterRoleBinding to a ClusterRole. */
export function buildClusterRoleBinding(item: RenderedItem, ctx: BuildContext): KubeObject {
  const f = new Fields(item);
  const metadata = childMetadata(f, ctx, { key: 'clusterRoleBindings', namespaced: false });
  return {
    ...typeMeta('clusterRoleBindings'),
    metadata,
    roleRef: buildRoleRef(f, ctx, true),
    subjects: buildSubjects(f, ctx, crNamespace(ctx)),
  };
}

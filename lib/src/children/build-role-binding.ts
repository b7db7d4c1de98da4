import * as v from 'valibot';
import { commonItemEntries } from '../field-schemas/field-schemas.ts';
import { buildRoleRef, buildSubjects, roleRefField, subjectsField } from './build-binding-parts.ts';
import { Fields } from './fields.ts';
import type { BuildContext, KubeObject, RenderedItem } from './kube-object.ts';
import { childMetadata } from './metadata.ts';
import { typeMeta } from './type-meta.ts';

/** A `roleBindings` item. */
export const roleBindingItemSchema = v.strictObject({
  ...commonItemEntries,
  roleRef: v.optional(roleRefField),
  subjects: subjectsField,
});

/** Builds an rbac.authorization.k8s.io/v1 RoleBinding. */
export function buildRoleBinding(item: RenderedItem, ctx: BuildContext): KubeObject {
  const f = new Fields(item);
  const metadata = childMetadata(f, ctx, { key: 'roleBindings', namespaced: true });
  return {
    ...typeMeta('roleBindings'),
    metadata,
    roleRef: buildRoleRef(f, ctx, false),
    subjects: buildSubjects(f, ctx, metadata.namespace),
  };
}

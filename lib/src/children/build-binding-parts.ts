import * as v from 'valibot';
import { stringField } from '../field-schemas/field-schemas.ts';
import { defaultChildName } from './default-name.ts';
import type { Fields } from './fields.ts';
import type { BuildContext } from './kube-object.ts';
import { isDnsLabel } from './kube-syntax.ts';
import { enumField, orTemplate } from './schema-fields.ts';

const RBAC_GROUP = 'rbac.authorization.k8s.io';
const SUBJECT_KINDS = ['ServiceAccount', 'User', 'Group'] as const;

/** `roleRef: {kind, name}`; both default (see buildRoleRef). */
export const roleRefField = v.strictObject({
  kind: v.optional(enumField(['Role', 'ClusterRole'])),
  name: v.optional(stringField),
});

/** `subjects`: at least one `{kind (default ServiceAccount), name, namespace}`. */
export const subjectsField = orTemplate(v.pipe(
  v.array(v.strictObject({
    kind: v.optional(enumField(SUBJECT_KINDS)),
    name: v.optional(stringField),
    namespace: v.optional(stringField),
  })),
  v.minLength(1, 'subjects must list at least one subject'),
));

/**
 * Reads `roleRef`. A RoleBinding refers to the CR's default Role unless told otherwise; a
 * ClusterRoleBinding can only refer to a ClusterRole, by default the CR's default ClusterRole.
 */
export function buildRoleRef(f: Fields, ctx: BuildContext, clusterWide: boolean): Record<string, string> {
  const ref = f.optObject('roleRef');
  const kind = ref?.optEnum('kind', ['Role', 'ClusterRole'] as const) ?? (clusterWide ? 'ClusterRole' : 'Role');
  if (clusterWide && kind === 'Role') f.fail('roleRef.kind', 'a ClusterRoleBinding can only refer to a ClusterRole');
  const first = { ...ctx, index: 0 };
  const name = ref?.optString('name') ?? defaultChildName(kind === 'Role' ? 'roles' : 'clusterRoles', first);
  return { apiGroup: RBAC_GROUP, kind, name };
}

/**
 * Reads `subjects`. A ServiceAccount subject defaults to the CR's default ServiceAccount in
 * `defaultNamespace` (the binding's namespace, or the CR's for a ClusterRoleBinding).
 */
export function buildSubjects(f: Fields, ctx: BuildContext, defaultNamespace: string | undefined): Record<string, string>[] {
  const subjects = f.optObjectList('subjects') ?? f.fail('subjects', 'must list at least one subject');
  return subjects.map((s) => {
    const kind = s.optEnum('kind', SUBJECT_KINDS) ?? 'ServiceAccount';
    if (kind !== 'ServiceAccount') {
      if (s.has('namespace')) s.fail('namespace', `is only for ServiceAccount subjects, not ${kind}`);
      return { apiGroup: RBAC_GROUP, kind, name: s.string('name') };
    }
    const name = s.optString('name') ?? defaultChildName('serviceAccounts', { ...ctx, index: 0 });
    const namespace = s.optString('namespace') ?? defaultNamespace
      ?? s.fail('namespace', 'is required: the custom resource is cluster-scoped, so there is no namespace to default to');
    if (!isDnsLabel(namespace)) s.fail('namespace', `${JSON.stringify(namespace)} must be a DNS-1123 label`);
    return { kind, name, namespace };
  });
}

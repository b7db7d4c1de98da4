import * as v from 'valibot';
import { commonItemEntries } from '../field-schemas/field-schemas.ts';
import { buildRules, rulesField } from './build-rules.ts';
import { Fields } from './fields.ts';
import type { BuildContext, KubeObject, RenderedItem } from './kube-object.ts';
import { childMetadata } from './metadata.ts';
import { typeMeta } from './type-meta.ts';

/** A `roles` item. */
export const roleItemSchema = v.strictObject({ ...commonItemEntries, rules: rulesField });

/** Builds an rbac.authorization.k8s.io/v1 Role in the CR's namespace. */
export function buildRole(item: RenderedItem, ctx: BuildContext): KubeObject {
  const f = new Fields(item);
  const metadata = childMetadata(f, ctx, { key: 'roles', namespaced: true });
  return { ...typeMeta('roles'), metadata, rules: buildRules(f, false) };
}

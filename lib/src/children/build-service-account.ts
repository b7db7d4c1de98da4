import * as v from 'valibot';
import { boolField, commonItemEntries } from '../field-schemas/field-schemas.ts';
import { Fields } from './fields.ts';
import type { BuildContext, KubeObject, RenderedItem } from './kube-object.ts';
import { childMetadata } from './metadata.ts';
import { optional } from './optional.ts';
import { buildPullSecrets } from './pod/build-pod-spec.ts';
import { imagePullSecretsField } from './schema-fields.ts';
import { typeMeta } from './type-meta.ts';

/** A `serviceAccounts` item. */
export const serviceAccountItemSchema = v.strictObject({
  ...commonItemEntries,
  automountServiceAccountToken: v.optional(boolField),
  imagePullSecrets: v.optional(imagePullSecretsField),
});

/** Builds a v1 ServiceAccount. */
export function buildServiceAccount(item: RenderedItem, ctx: BuildContext): KubeObject {
  const f = new Fields(item);
  const metadata = childMetadata(f, ctx, { key: 'serviceAccounts', namespaced: true });
  return {
    ...typeMeta('serviceAccounts'),
    metadata,
    ...optional('automountServiceAccountToken', f.optBool('automountServiceAccountToken')),
    ...optional('imagePullSecrets', buildPullSecrets(f)),
  };
}

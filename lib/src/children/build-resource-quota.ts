import * as v from 'valibot';
import { commonItemEntries } from '../field-schemas/field-schemas.ts';
import { Fields } from './fields.ts';
import type { BuildContext, KubeObject, RenderedItem } from './kube-object.ts';
import { isQuantity } from './kube-syntax.ts';
import { childMetadata } from './metadata.ts';
import { optional } from './optional.ts';
import { orTemplate, quantityField, rawObjectField, stringListField } from './schema-fields.ts';
import { typeMeta } from './type-meta.ts';

/** A `resourceQuotas` item: `hard` limits by resource name (quantities, templated), scopes. */
export const resourceQuotaItemSchema = v.strictObject({
  ...commonItemEntries,
  hard: orTemplate(v.record(v.string(), quantityField)),
  scopes: v.optional(stringListField),
  scopeSelector: v.optional(rawObjectField),
});

/** Builds a v1 ResourceQuota. */
export function buildResourceQuota(item: RenderedItem, ctx: BuildContext): KubeObject {
  const f = new Fields(item);
  const metadata = childMetadata(f, ctx, { key: 'resourceQuotas', namespaced: true });
  const hard = f.optStringMap('hard') ?? f.fail('hard', 'is required: give limits such as {pods: "10", requests.cpu: "4"}');
  for (const [k, q] of Object.entries(hard)) if (!isQuantity(q)) f.fail(`hard.${k}`, `${JSON.stringify(q)} is not a quantity such as 10, 4 or 8Gi`);
  return {
    ...typeMeta('resourceQuotas'),
    metadata,
    spec: { hard, ...optional('scopes', f.optStringList('scopes')), ...optional('scopeSelector', f.optRawObject('scopeSelector')) },
  };
}

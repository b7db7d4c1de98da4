import * as v from 'valibot';
import { commonItemEntries, stringField, stringMapField } from '../field-schemas/field-schemas.ts';
import { base64Utf8 } from './base64.ts';
import { checkDataKeys } from './check-data-keys.ts';
import { Fields } from './fields.ts';
import type { BuildContext, KubeObject, RenderedItem } from './kube-object.ts';
import { childMetadata } from './metadata.ts';
import { optional } from './optional.ts';
import { sortKeys } from './labels.ts';
import { typeMeta } from './type-meta.ts';

/** A `secrets` item: `data` and `stringData` are both plain text. */
export const secretItemSchema = v.strictObject({
  ...commonItemEntries,
  type: v.optional(stringField),
  data: v.optional(stringMapField),
  stringData: v.optional(stringMapField),
});

/**
 * Builds a v1 Secret. Values of `data` and `stringData` are plain text, merged (stringData wins
 * on a shared key, as in Kubernetes) and emitted base64-encoded in `data`. The output never
 * carries `stringData`: the API server does not return it, so applying it would look like
 * drift on every reconcile.
 */
export function buildSecret(item: RenderedItem, ctx: BuildContext): KubeObject {
  const f = new Fields(item);
  const metadata = childMetadata(f, ctx, { key: 'secrets', namespaced: true });
  const plain = f.optStringMap('data');
  const stringData = f.optStringMap('stringData');
  checkDataKeys(f, 'data', plain);
  checkDataKeys(f, 'stringData', stringData);
  const merged = sortKeys({ ...plain, ...stringData });
  const data: Record<string, string> = {};
  for (const [k, value] of Object.entries(merged)) data[k] = base64Utf8(value);
  return {
    ...typeMeta('secrets'),
    metadata,
    type: f.optString('type') ?? 'Opaque',
    ...optional('data', Object.keys(data).length > 0 ? data : undefined),
  };
}

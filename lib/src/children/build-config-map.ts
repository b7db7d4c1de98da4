import * as v from 'valibot';
import { commonItemEntries, stringMapField } from '../field-schemas/field-schemas.ts';
import { checkDataKeys } from './check-data-keys.ts';
import { Fields } from './fields.ts';
import type { BuildContext, KubeObject, RenderedItem } from './kube-object.ts';
import { childMetadata } from './metadata.ts';
import { optional } from './optional.ts';
import { typeMeta } from './type-meta.ts';

/** A `configMaps` item. */
export const configMapItemSchema = v.strictObject({ ...commonItemEntries, data: v.optional(stringMapField) });

/** Builds a v1 ConfigMap; `data` keys are sorted, rendered non-strings are stringified. */
export function buildConfigMap(item: RenderedItem, ctx: BuildContext): KubeObject {
  const f = new Fields(item);
  const metadata = childMetadata(f, ctx, { key: 'configMaps', namespaced: true });
  const data = f.optStringMap('data');
  checkDataKeys(f, 'data', data);
  return { ...typeMeta('configMaps'), metadata, ...optional('data', data) };
}

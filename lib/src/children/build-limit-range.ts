import * as v from 'valibot';
import { commonItemEntries } from '../field-schemas/field-schemas.ts';
import { Fields } from './fields.ts';
import type { BuildContext, KubeObject, RenderedItem } from './kube-object.ts';
import { childMetadata } from './metadata.ts';
import { rawListField } from './schema-fields.ts';
import { typeMeta } from './type-meta.ts';

/** A `limitRanges` item: `limits` in Kubernetes' LimitRangeItem form. */
export const limitRangeItemSchema = v.strictObject({ ...commonItemEntries, limits: rawListField });

const TYPES = ['Container', 'Pod', 'PersistentVolumeClaim'];

/** Builds a v1 LimitRange; each limit needs a `type` Kubernetes knows. */
export function buildLimitRange(item: RenderedItem, ctx: BuildContext): KubeObject {
  const f = new Fields(item);
  const metadata = childMetadata(f, ctx, { key: 'limitRanges', namespaced: true });
  const limits = f.optObjectList('limits') ?? f.fail('limits', 'is required: give at least one limit, such as {type: Container, default: {cpu: 500m}}');
  limits.forEach((l, i) => {
    const type = l.string('type');
    if (!TYPES.includes(type)) f.fail(`limits[${i}].type`, `must be one of ${TYPES.join(', ')}, got ${JSON.stringify(type)}`);
  });
  return { ...typeMeta('limitRanges'), metadata, spec: { limits: f.optRawList('limits') } };
}

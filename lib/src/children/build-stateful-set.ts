import * as v from 'valibot';
import { anyField, commonItemEntries, intField, stringField } from '../field-schemas/field-schemas.ts';
import { buildClaimSpec, claimEntries } from './build-persistent-volume-claim.ts';
import { defaultChildName } from './default-name.ts';
import { Fields } from './fields.ts';
import type { BuildContext, KubeObject, RenderedItem } from './kube-object.ts';
import { isDnsSubdomain } from './kube-syntax.ts';
import { workloadSelector } from './labels.ts';
import { childMetadata } from './metadata.ts';
import { optional } from './optional.ts';
import { buildPodTemplate } from './pod/build-pod-template.ts';
import { containerEntries, podEntries, servingEntries } from './pod/pod-schema.ts';
import { orTemplate } from './schema-fields.ts';
import { typeMeta } from './type-meta.ts';

const claimShorthand = v.strictObject({ name: stringField, ...claimEntries });
const claimRaw = v.strictObject({ metadata: anyField, spec: anyField });

/** A volume claim template: the shorthand `{name, storage, ...}` or, with `spec`, a raw `{metadata, spec}`. */
const claimTemplateField = v.lazy((input) =>
  typeof input === 'object' && input !== null && 'spec' in input ? claimRaw : claimShorthand);

/** A `statefulSets` item: a deployment item plus `serviceName` and `volumeClaimTemplates`. */
export const statefulSetItemSchema = v.strictObject({
  ...commonItemEntries,
  replicas: v.optional(intField),
  serviceName: v.optional(stringField),
  volumeClaimTemplates: v.optional(orTemplate(v.array(claimTemplateField))),
  ...containerEntries,
  ...servingEntries,
  ...podEntries,
});

/** Builds an apps/v1 StatefulSet; `serviceName` defaults to the CR's default Service name. */
export function buildStatefulSet(item: RenderedItem, ctx: BuildContext): KubeObject {
  const f = new Fields(item);
  const metadata = childMetadata(f, ctx, { key: 'statefulSets', namespaced: true });
  const selector = workloadSelector(ctx, metadata.name);
  return {
    ...typeMeta('statefulSets'),
    metadata,
    spec: {
      ...optional('replicas', f.optInt('replicas', { min: 0 })),
      serviceName: f.optString('serviceName') ?? defaultChildName('services', { ...ctx, index: 0 }),
      selector: { matchLabels: selector },
      template: buildPodTemplate(f, ctx, { type: 'serving' }, selector),
      ...optional('volumeClaimTemplates', f.optObjectList('volumeClaimTemplates')?.map(buildClaimTemplate)),
    },
  };
}

function buildClaimTemplate(t: Fields): Record<string, unknown> {
  if (t.has('spec')) return { metadata: t.optRawObject('metadata') ?? t.fail('metadata', 'is required'), spec: t.optRawObject('spec') };
  const name = t.string('name');
  if (!isDnsSubdomain(name)) t.fail('name', `${JSON.stringify(name)} must be a DNS-1123 subdomain`);
  return { metadata: { name }, spec: buildClaimSpec(t) };
}

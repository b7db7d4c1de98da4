import * as v from 'valibot';
import { commonItemEntries, intField } from '../field-schemas/field-schemas.ts';
import { Fields } from './fields.ts';
import type { BuildContext, KubeObject, RenderedItem } from './kube-object.ts';
import { workloadSelector } from './labels.ts';
import { childMetadata } from './metadata.ts';
import { optional } from './optional.ts';
import { buildPodTemplate } from './pod/build-pod-template.ts';
import { containerEntries, podEntries, servingEntries } from './pod/pod-schema.ts';
import { typeMeta } from './type-meta.ts';

/** A `deployments` item. */
export const deploymentItemSchema = v.strictObject({
  ...commonItemEntries,
  replicas: v.optional(intField),
  ...containerEntries,
  ...servingEntries,
  ...podEntries,
});

/** Builds an apps/v1 Deployment with one container, selecting its own pods. */
export function buildDeployment(item: RenderedItem, ctx: BuildContext): KubeObject {
  const f = new Fields(item);
  const metadata = childMetadata(f, ctx, { key: 'deployments', namespaced: true });
  const selector = workloadSelector(ctx, metadata.name);
  return {
    ...typeMeta('deployments'),
    metadata,
    spec: {
      // Left out when unset (Kubernetes defaults it to 1) so an HPA can own the field.
      ...optional('replicas', f.optInt('replicas', { min: 0 })),
      selector: { matchLabels: selector },
      template: buildPodTemplate(f, ctx, { type: 'serving' }, selector),
    },
  };
}

import * as v from 'valibot';
import { commonItemEntries } from '../field-schemas/field-schemas.ts';
import { Fields } from './fields.ts';
import type { BuildContext, KubeObject, RenderedItem } from './kube-object.ts';
import { childMetadata } from './metadata.ts';
import { buildPodSpec } from './pod/build-pod-spec.ts';
import { containerEntries, podEntries, servingEntries } from './pod/pod-schema.ts';
import { enumField } from './schema-fields.ts';
import { typeMeta } from './type-meta.ts';

/** A `pods` item: one container, serving fields, pod fields and a restart policy. */
export const podItemSchema = v.strictObject({
  ...commonItemEntries,
  ...containerEntries,
  ...servingEntries,
  ...podEntries,
  restartPolicy: v.optional(enumField(['Always', 'OnFailure', 'Never'])),
});

/** Builds a v1 Pod; a bare Pod is not recreated by anything but the next reconcile, so `reconcile: true` suits it. */
export function buildPod(item: RenderedItem, ctx: BuildContext): KubeObject {
  const f = new Fields(item);
  const metadata = childMetadata(f, ctx, { key: 'pods', namespaced: true });
  const restartPolicy = f.optEnum('restartPolicy', ['Always', 'OnFailure', 'Never'] as const);
  const spec = buildPodSpec(f, { type: 'serving' });
  return { ...typeMeta('pods'), metadata, spec: restartPolicy ? { restartPolicy, ...spec } : spec };
}

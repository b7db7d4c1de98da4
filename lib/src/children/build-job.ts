import * as v from 'valibot';
import { commonItemEntries } from '../field-schemas/field-schemas.ts';
import { Fields } from './fields.ts';
import type { BuildContext, KubeObject, RenderedItem } from './kube-object.ts';
import { childMetadata } from './metadata.ts';
import { optional } from './optional.ts';
import { buildPodTemplate } from './pod/build-pod-template.ts';
import { containerEntries, jobEntries, podEntries } from './pod/pod-schema.ts';
import { typeMeta } from './type-meta.ts';

/** Job retries when the item sets no `backoffLimit` (Kubernetes' own default is 6). */
export const DEFAULT_BACKOFF_LIMIT = 3;

/** A `jobs` item. */
export const jobItemSchema = v.strictObject({ ...commonItemEntries, ...containerEntries, ...podEntries, ...jobEntries });

/** Builds a JobSpec; `restartPolicy` defaults to Never (Kubernetes' Always is invalid for Jobs). */
export function buildJobSpec(f: Fields, ctx: BuildContext): Record<string, unknown> {
  const restartPolicy = f.optEnum('restartPolicy', ['Never', 'OnFailure'] as const) ?? 'Never';
  return {
    backoffLimit: f.optInt('backoffLimit', { min: 0 }) ?? DEFAULT_BACKOFF_LIMIT,
    ...optional('activeDeadlineSeconds', f.optInt('activeDeadlineSeconds', { min: 1 })),
    ...optional('ttlSecondsAfterFinished', f.optInt('ttlSecondsAfterFinished', { min: 0 })),
    // Job pods carry the child labels but not the workload selector: a Service must not route to them.
    template: buildPodTemplate(f, ctx, { type: 'run-to-completion', restartPolicy }),
  };
}

/** Builds a batch/v1 Job. */
export function buildJob(item: RenderedItem, ctx: BuildContext): KubeObject {
  const f = new Fields(item);
  const metadata = childMetadata(f, ctx, { key: 'jobs', namespaced: true });
  return { ...typeMeta('jobs'), metadata, spec: buildJobSpec(f, ctx) };
}

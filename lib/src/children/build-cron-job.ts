import * as v from 'valibot';
import { boolField, commonItemEntries, intField, stringField } from '../field-schemas/field-schemas.ts';
import { buildJobSpec } from './build-job.ts';
import { Fields } from './fields.ts';
import type { BuildContext, KubeObject, RenderedItem } from './kube-object.ts';
import { childLabels } from './labels.ts';
import { childMetadata } from './metadata.ts';
import { optional } from './optional.ts';
import { containerEntries, jobEntries, podEntries } from './pod/pod-schema.ts';
import { enumField } from './schema-fields.ts';
import { typeMeta } from './type-meta.ts';

const CONCURRENCY = ['Allow', 'Forbid', 'Replace'] as const;

/** A `cronJobs` item: a job item plus the schedule fields. */
export const cronJobItemSchema = v.strictObject({
  ...commonItemEntries,
  schedule: stringField,
  timeZone: v.optional(stringField),
  suspend: v.optional(boolField),
  concurrencyPolicy: v.optional(enumField(CONCURRENCY)),
  startingDeadlineSeconds: v.optional(intField),
  successfulJobsHistoryLimit: v.optional(intField),
  failedJobsHistoryLimit: v.optional(intField),
  ...containerEntries,
  ...podEntries,
  ...jobEntries,
});

/** Builds a batch/v1 CronJob; its name is limited to 52 characters, as Kubernetes requires. */
export function buildCronJob(item: RenderedItem, ctx: BuildContext): KubeObject {
  const f = new Fields(item);
  const metadata = childMetadata(f, ctx, { key: 'cronJobs', namespaced: true });
  const schedule = f.string('schedule').trim();
  // Five fields or a macro such as @hourly (a TZ= prefix is refused upstream: use timeZone);
  // the API server parses the fields themselves.
  if (!schedule.startsWith('@') && schedule.split(/\s+/).length !== 5) {
    f.fail('schedule', `${JSON.stringify(schedule)} must be a cron expression with five fields or a macro such as @hourly`);
  }
  return {
    ...typeMeta('cronJobs'),
    metadata,
    spec: {
      schedule,
      ...optional('timeZone', f.optString('timeZone')),
      ...optional('suspend', f.optBool('suspend')),
      ...optional('concurrencyPolicy', f.optEnum('concurrencyPolicy', CONCURRENCY)),
      ...optional('startingDeadlineSeconds', f.optInt('startingDeadlineSeconds', { min: 0 })),
      ...optional('successfulJobsHistoryLimit', f.optInt('successfulJobsHistoryLimit', { min: 0 })),
      ...optional('failedJobsHistoryLimit', f.optInt('failedJobsHistoryLimit', { min: 0 })),
      jobTemplate: {
        metadata: { labels: childLabels(ctx, f.optStringMap('labels')) },
        spec: buildJobSpec(f, ctx),
      },
    },
  };
}

import * as v from 'valibot';
import { anyField, commonItemEntries, intField, stringField } from '../field-schemas/field-schemas.ts';
import { defaultChildName } from './default-name.ts';
import { Fields } from './fields.ts';
import type { BuildContext, KubeObject, RenderedItem } from './kube-object.ts';
import { childMetadata } from './metadata.ts';
import { optional } from './optional.ts';
import { typeMeta } from './type-meta.ts';

/** An `hpa` item. */
export const hpaItemSchema = v.strictObject({
  ...commonItemEntries,
  scaleTargetRef: v.optional(v.strictObject({
    apiVersion: v.optional(stringField),
    kind: v.optional(stringField),
    name: v.optional(stringField),
  })),
  minReplicas: v.optional(intField),
  maxReplicas: intField,
  targetCPUUtilizationPercentage: v.optional(intField),
  targetMemoryUtilizationPercentage: v.optional(intField),
  behavior: v.optional(anyField),
});

/**
 * Builds an autoscaling/v2 HorizontalPodAutoscaler. The target defaults to the CR's default
 * Deployment (or default StatefulSet when `scaleTargetRef.kind` is StatefulSet). With no
 * utilization target, Kubernetes scales on 80% CPU.
 */
export function buildHpa(item: RenderedItem, ctx: BuildContext): KubeObject {
  const f = new Fields(item);
  const metadata = childMetadata(f, ctx, { key: 'hpa', namespaced: true });
  const minReplicas = f.optInt('minReplicas', { min: 1 });
  const maxReplicas = f.int('maxReplicas', { min: 1 });
  if (minReplicas !== undefined && minReplicas > maxReplicas) {
    f.fail('minReplicas', `must not exceed maxReplicas (${maxReplicas}), got ${minReplicas}`);
  }
  const metrics = [
    utilization('cpu', f.optInt('targetCPUUtilizationPercentage', { min: 1 })),
    utilization('memory', f.optInt('targetMemoryUtilizationPercentage', { min: 1 })),
  ].filter((m) => m !== undefined);
  return {
    ...typeMeta('hpa'),
    metadata,
    spec: {
      scaleTargetRef: scaleTarget(f, ctx),
      ...optional('minReplicas', minReplicas),
      maxReplicas,
      ...optional('metrics', metrics.length > 0 ? metrics : undefined),
      ...optional('behavior', f.optRawObject('behavior')),
    },
  };
}

function scaleTarget(f: Fields, ctx: BuildContext): Record<string, string> {
  const ref = f.optObject('scaleTargetRef') ?? new Fields({}, f.path('scaleTargetRef'));
  const kind = ref.optString('kind') ?? 'Deployment';
  const first = { ...ctx, index: 0 };
  return {
    apiVersion: ref.optString('apiVersion') ?? 'apps/v1',
    kind,
    name: ref.optString('name') ?? defaultChildName(kind === 'StatefulSet' ? 'statefulSets' : 'deployments', first),
  };
}

function utilization(resource: 'cpu' | 'memory', percent: number | undefined): Record<string, unknown> | undefined {
  if (percent === undefined) return undefined;
  return { type: 'Resource', resource: { name: resource, target: { type: 'Utilization', averageUtilization: percent } } };
}

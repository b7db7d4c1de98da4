import type { Fields } from '../fields.ts';
import type { BuildContext } from '../kube-object.ts';
import { childLabels } from '../labels.ts';
import { buildPodSpec, type PodMode } from './build-pod-spec.ts';

/** Builds a PodTemplateSpec whose labels are the child's plus `selectorLabels` (which win). */
export function buildPodTemplate(f: Fields, ctx: BuildContext, mode: PodMode,
                                 selectorLabels: Record<string, string> = {}): Record<string, unknown> {
  return {
    metadata: { labels: childLabels(ctx, f.optStringMap('labels'), selectorLabels) },
    spec: buildPodSpec(f, mode),
  };
}

import { BuildError } from './build-error.ts';
import type { BuildContext } from './kube-object.ts';
import { isLabelValue, isQualifiedKey } from './kube-syntax.ts';

/** Set on every child so tools and the runtime can tell Orkestra's objects apart. */
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
/** Names the owning CR on every child (the owner reference carries the uid). */
export const OWNER_LABEL = 'orkestra.orkspace.io/owner';
/** Names the workload on its pods, so two workloads of one CR never share a selector. */
export const WORKLOAD_LABEL = 'orkestra.orkspace.io/workload';
const NAME_LABEL = 'app.kubernetes.io/name';

/**
 * The labels that select a CR's workload pods: used on Deployment and StatefulSet pods and as
 * the default selector of Services, PodDisruptionBudgets and NetworkPolicies. The CR kind is in
 * it because CRs of two kinds may share a name in one namespace, and a Service of one must not
 * pick up the pods of the other.
 */
export function podSelectorFor(ctx: BuildContext): Record<string, string> {
  return sortKeys({ [NAME_LABEL]: ctx.cr.kind.toLowerCase(), [OWNER_LABEL]: ctx.cr.metadata.name });
}

/** The labels of a child (or a pod template): the item's, then ours, which win on conflict. */
export function childLabels(ctx: BuildContext, itemLabels: Record<string, string> | undefined,
                            extra: Record<string, string> = {}): Record<string, string> {
  for (const [k, v] of Object.entries(itemLabels ?? {})) checkLabel(k, v, `labels.${k}`);
  const ours = { [MANAGED_BY_LABEL]: 'orkestra', [OWNER_LABEL]: ctx.cr.metadata.name, ...extra };
  for (const [k, v] of Object.entries(ours)) checkLabel(k, v, undefined);
  return sortKeys({ ...itemLabels, ...ours });
}

/** Throws unless every key of `annotations` is a valid annotation key. */
export function checkAnnotationKeys(annotations: Record<string, string> | undefined): void {
  for (const k of Object.keys(annotations ?? {})) {
    if (!isQualifiedKey(k)) throw new BuildError(`annotations.${k}`, 'is not a valid annotation key (optional DNS prefix and "/", then at most 63 alphanumerics, "-", "_", ".")');
  }
}

function checkLabel(key: string, value: string, field: string | undefined): void {
  if (!isQualifiedKey(key)) throw new BuildError(field, `label key ${JSON.stringify(key)} is not valid (optional DNS prefix and "/", then at most 63 alphanumerics, "-", "_", ".")`);
  if (!isLabelValue(value)) throw new BuildError(field, `label value ${JSON.stringify(value)} is not valid (at most 63 alphanumerics, "-", "_", ".", starting and ending alphanumeric)`);
}

/** A copy of `map` with its keys in sorted order, as the API server returns maps. */
export function sortKeys<T>(map: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const k of Object.keys(map).sort()) out[k] = map[k] as T;
  return out;
}

/** The selector of one workload: the CR's pod selector plus the workload's own name. */
export function workloadSelector(ctx: BuildContext, workloadName: string): Record<string, string> {
  if (!isLabelValue(workloadName)) {
    throw new BuildError('name', `${JSON.stringify(workloadName)} is also a pod label value, so it must be at most 63 characters of alphanumerics, "-", "_", "."`);
  }
  return sortKeys({ ...podSelectorFor(ctx), [WORKLOAD_LABEL]: workloadName });
}

// The rules of the in-memory cluster that do not need its state: scope and name checks, what a
// caller may see, and how objects are keyed.
import type { ClusterResult } from '../ports/cluster-error.ts';
import { fail } from '../ports/cluster-error.ts';
import type { KubeObject, ObjectMeta } from '../ports/kube-object.ts';
import type { Resource } from '../ports/resource.ts';
import { matchesLabelSelector } from './label-selector.ts';

/** The 409 the API server answers for a stale resourceVersion or uid precondition. */
export function conflict(name: string): ClusterResult<never> {
  return fail('conflict', `Operation cannot be fulfilled on "${name}": the object has been modified; please apply your changes to the latest version and try again`, { status: 409, reason: 'Conflict' });
}

/** Refuses a namespaced object without namespace; a cluster-scoped object's namespace is ignored, as the API server clears it. */
export function checkScope(resource: Resource, namespace: string | undefined): ClusterResult<never> | undefined {
  if (resource.namespaced && !namespace) return fail('invalid', `${resource.resource} is namespaced: a namespace is required`, { status: 400, reason: 'BadRequest' });
  return undefined;
}

/** Refuses an object without `metadata.name` (generateName is not supported). */
export function checkName(object: KubeObject): ClusterResult<never> | undefined {
  return object.metadata.name ? undefined : fail('invalid', 'metadata.name: Required value', { status: 422, reason: 'Invalid' });
}

/** Whether a list or watch with these options sees `object`. */
export function visible(opts: { readonly namespace?: string; readonly labelSelector?: string; readonly fieldSelector?: string }, object: KubeObject): boolean {
  if (opts.namespace !== undefined && object.metadata.namespace !== opts.namespace) return false;
  // The runtime only selects by name (observe.watch of one object).
  if (opts.fieldSelector !== undefined && `metadata.name=${object.metadata.name}` !== opts.fieldSelector) return false;
  return matchesLabelSelector(opts.labelSelector, object.metadata.labels);
}

/** The object as sent: whole, or as PartialObjectMetadata. */
export function view(object: KubeObject, metadataOnly: boolean | undefined): KubeObject {
  return metadataOnly ? { apiVersion: 'meta.k8s.io/v1', kind: 'PartialObjectMetadata', metadata: object.metadata } : object;
}

/** Identifies a resource across versions (group and plural). */
export function resourceKeyOf(r: Resource): string {
  return `${r.group}/${r.resource}`;
}

/** Identifies one object; sorts like etcd keys (namespace, then name). */
export function objectKey(r: Resource, namespace: string | undefined, name: string): string {
  return `${resourceKeyOf(r)}|${r.namespaced ? namespace ?? '' : ''}|${name}`;
}

/** Splits a fake continue token into the list's resourceVersion and the last key served. */
export function splitToken(token: string): [string, string] {
  const i = token.indexOf('|');
  return [token.slice(0, i), token.slice(i + 1)];
}

/** The given keys of `meta` that are set. */
export function pick(meta: ObjectMeta, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => meta[k] !== undefined).map((k) => [k, meta[k]]));
}

import type { Resource } from '@orkestra/lib/ports';

/** The REST path of a resource's collection; a namespaced resource without namespace means all namespaces. */
export function collectionPath(resource: Resource, namespace: string | undefined): string {
  const base = resource.group ? `/apis/${resource.group}/${resource.version}` : `/api/${resource.version}`;
  return resource.namespaced && namespace ? `${base}/namespaces/${encodeURIComponent(namespace)}/${resource.resource}` : `${base}/${resource.resource}`;
}

/** The REST path of one object, optionally of its subresource (`status`). */
export function objectPath(resource: Resource, namespace: string | undefined, name: string, subresource?: string): string {
  return `${collectionPath(resource, namespace)}/${encodeURIComponent(name)}${subresource ? `/${subresource}` : ''}`;
}

/** A query string from defined values only (`?a=1&b=x`, or empty). */
export function query(params: Readonly<Record<string, string | number | boolean | undefined>>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

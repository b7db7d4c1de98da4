import { itemTarget } from '../children/item-target.ts';
import type { ChildItem } from '../katalog/model.ts';

/** The REST resource of a child; the same shape as the Cluster port's `Resource`. */
export interface ChildResource {
  /** `''` is the core group. */
  readonly group: string;
  readonly version: string;
  /** Lowercase plural. */
  readonly resource: string;
  readonly namespaced: boolean;
}

/**
 * The identity of a child: `group/resource/namespace/name`. Built from the resource, not from
 * the object's apiVersion/kind, because a metadata-only watch returns PartialObjectMetadata, and
 * the version is left out so a child stays the same child across API versions.
 */
export function childKey(resource: Pick<ChildResource, 'group' | 'resource'>, namespace: string | undefined, name: string): string {
  return `${resource.group}/${resource.resource}/${namespace ?? ''}/${name}`;
}

/** The resource a child item writes to; undefined only for a custom item validation would reject. */
export function childResourceOf(item: ChildItem): ChildResource | undefined {
  const t = itemTarget(item);
  return t && { group: t.group, version: t.version, resource: t.resource, namespaced: t.namespaced };
}

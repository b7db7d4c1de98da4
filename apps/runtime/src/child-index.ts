import { childKey, OWNER_KEY_ANNOTATION, type ChildResource, type ObservedChild } from '@orkestra/lib/runtime';
import type { KubeObject as ClusterObject } from '@orkestra/lib/ports';

/**
 * Children seen by the metadata-only informers, grouped by the owner-key annotation, so one
 * reconcile reads its CR's children without scanning every cache.
 */
export class ChildIndex {
  readonly #byOwner = new Map<string, Map<string, ObservedChild>>();

  /** Records an added or updated child (moving it if its owner key changed). */
  upsert(resource: ChildResource, object: ClusterObject, old?: ClusterObject): void {
    if (old) this.delete(resource, old);
    const owner = object.metadata.annotations?.[OWNER_KEY_ANNOTATION];
    if (owner === undefined) return;
    let children = this.#byOwner.get(owner);
    if (!children) this.#byOwner.set(owner, (children = new Map()));
    children.set(childKey(resource, object.metadata.namespace, object.metadata.name), { resource, metadata: object.metadata });
  }

  /** Forgets a deleted child. */
  delete(resource: ChildResource, object: ClusterObject): void {
    const owner = object.metadata.annotations?.[OWNER_KEY_ANNOTATION];
    if (owner === undefined) return;
    const children = this.#byOwner.get(owner);
    children?.delete(childKey(resource, object.metadata.namespace, object.metadata.name));
    if (children?.size === 0) this.#byOwner.delete(owner);
  }

  /** The children carrying owner key `owner`, by childKey. */
  of(owner: string): ReadonlyMap<string, ObservedChild> {
    return this.#byOwner.get(owner) ?? new Map();
  }
}

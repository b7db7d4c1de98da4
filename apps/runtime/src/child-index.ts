import { childKey, OWNER_KEY_ANNOTATION, type ChildResource, type ObservedChild } from '@orkestra/lib/runtime';
import type { KubeObject as ClusterObject } from '@orkestra/lib/ports';

/**
 * Children seen by the child informers (projected: metadata, status, kept fields, our field
 * set), grouped by the owner-key annotation, so one reconcile reads its CR's children without
 * scanning every cache.
 */
export class ChildIndex {
  readonly #byOwner = new Map<string, Map<string, ObservedChild>>();
  // First-seen order of each child (by childKey), kept across its updates and owner moves: the
  // tie-breaker of `.children.<kind>` between children created in the same second.
  readonly #seen = new Map<string, number>();
  #count = 0;

  /** Records an added or updated child (moving it if its owner key changed). */
  upsert(resource: ChildResource, object: ClusterObject, old?: ClusterObject): void {
    const key = childKey(resource, object.metadata.namespace, object.metadata.name);
    if (old) this.#remove(resource, old);
    const owner = object.metadata.annotations?.[OWNER_KEY_ANNOTATION];
    // Objects no CR owns are not remembered at all (a child informer may see others of its kind).
    if (owner === undefined) {
      this.#seen.delete(key);
      return;
    }
    let seen = this.#seen.get(key);
    if (seen === undefined) this.#seen.set(key, (seen = ++this.#count));
    let children = this.#byOwner.get(owner);
    if (!children) this.#byOwner.set(owner, (children = new Map()));
    const { kept, status, managed } = object as { kept?: Readonly<Record<string, unknown>>; status?: unknown; managed?: string };
    children.set(key, {
      resource, metadata: object.metadata, apiVersion: object.apiVersion, kind: object.kind,
      ...(kept !== undefined ? { kept } : {}), ...(status !== undefined ? { status } : {}), ...(typeof managed === 'string' ? { managed } : {}), seen,
    });
  }

  /** Forgets a deleted child. */
  delete(resource: ChildResource, object: ClusterObject): void {
    this.#seen.delete(childKey(resource, object.metadata.namespace, object.metadata.name));
    this.#remove(resource, object);
  }

  #remove(resource: ChildResource, object: ClusterObject): void {
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

import type { KubeObject } from '@orkestra/lib/ports';

/** What a relist changed, as the events the watch would have sent. */
export type RelistChange =
  | { readonly type: 'add'; readonly object: KubeObject }
  | { readonly type: 'update'; readonly object: KubeObject; readonly old: KubeObject }
  | { readonly type: 'delete'; readonly object: KubeObject };

/** The cache key of an object: `namespace/name`, or `name` when cluster-scoped. */
export function cacheKey(object: KubeObject): string {
  return object.metadata.namespace ? `${object.metadata.namespace}/${object.metadata.name}` : object.metadata.name;
}

/**
 * Diffs the cache against a fresh list: deletes for what vanished (and for a namesake re-created
 * with another uid), adds for what is new, updates where the resourceVersion differs
 * (resourceVersions are compared by equality only: they are opaque).
 */
export function diffRelist(cache: ReadonlyMap<string, KubeObject>, listed: readonly KubeObject[]): RelistChange[] {
  const changes: RelistChange[] = [];
  const seen = new Set<string>();
  for (const object of listed) {
    const key = cacheKey(object);
    seen.add(key);
    const old = cache.get(key);
    if (!old) changes.push({ type: 'add', object });
    else if (old.metadata.uid !== object.metadata.uid) changes.push({ type: 'delete', object: old }, { type: 'add', object });
    else if (old.metadata.resourceVersion !== object.metadata.resourceVersion) changes.push({ type: 'update', object, old });
  }
  for (const [key, old] of cache) if (!seen.has(key)) changes.push({ type: 'delete', object: old });
  return changes;
}

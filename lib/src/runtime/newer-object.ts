// Our own writes to a CR come back through its watch a little later than their answers do. A
// reconcile that starts in between (a child's event re-queued the CR while the last one ran) would
// read the CR from before those writes and write the same status or finalizer again (bench/peers
// saw 21 status patches for 20 CRs). client-go's MutationCache keeps the answers until the watch
// catches up; this is its rule, kept pure.
import type { KubeObject } from '../ports/kube-object.ts';

/**
 * Orders two resourceVersions of the same object. Kubernetes made them comparable (KEP-5504, stable
 * in 1.35): positive decimal integers without leading zeros, of any length. Anything else cannot
 * be ordered and gives `undefined`.
 */
export function compareResourceVersions(a: string | undefined, b: string | undefined): -1 | 0 | 1 | undefined {
  if (a === undefined || b === undefined || !/^[1-9][0-9]*$/.test(a) || !/^[1-9][0-9]*$/.test(b)) return undefined;
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** What to reconcile from: the cached object, or our own later write of it, and whether to keep that write. */
export interface NewerObject<T extends KubeObject> {
  readonly object: T;
  /** False once the cache holds the write or something after it (or the two cannot be ordered). */
  readonly keepWritten: boolean;
}

/**
 * The cached object unless `written` (the answer to our last write of the same object, same uid)
 * is newer; a write the cache has caught up with, or one of another object, is dropped.
 */
export function newerObject<T extends KubeObject>(cached: T, written: T | undefined): NewerObject<T> {
  if (written === undefined || written.metadata.uid !== cached.metadata.uid) return { object: cached, keepWritten: false };
  const order = compareResourceVersions(cached.metadata.resourceVersion, written.metadata.resourceVersion);
  return order === -1 ? { object: written, keepWritten: true } : { object: cached, keepWritten: false };
}

import type { AbortSignalLike } from './abort-signal.ts';
import type { ClusterResult } from './cluster-error.ts';
import type { KubeObject } from './kube-object.ts';
import type { ObjectRef, Resource } from './resource.ts';

/** Options of `Cluster.list`; `namespace` absent lists across all namespaces. */
export interface ListOptions {
  readonly namespace?: string;
  readonly labelSelector?: string;
  /** Only `metadata.name=<name>` (issue 14: observe.watch of one object); RBAC then checks resourceNames. */
  readonly fieldSelector?: string;
  /** Page size; the answer carries `continue` when more remain. */
  readonly limit?: number;
  readonly continue?: string;
  /** Ask for PartialObjectMetadata (metadata only) instead of whole objects. */
  readonly metadataOnly?: boolean;
}

/** One page of a list, with the resourceVersion to watch from. */
export interface ListPage {
  readonly items: readonly KubeObject[];
  readonly resourceVersion: string;
  /** Present when more pages remain; pass it back as `ListOptions.continue`. */
  readonly continue?: string;
}

/** Options of `Cluster.watch`. */
export interface WatchOptions {
  /** Start after this resourceVersion (from a list page, an event or a bookmark). */
  readonly resourceVersion: string;
  readonly namespace?: string;
  readonly labelSelector?: string;
  /** Only `metadata.name=<name>`, as ListOptions. */
  readonly fieldSelector?: string;
  /** The server ends the watch cleanly after this many seconds. */
  readonly timeoutSeconds: number;
  readonly allowWatchBookmarks: boolean;
  readonly metadataOnly?: boolean;
}

/** One event of a watch; a bookmark only advances the resourceVersion. */
export type WatchEvent =
  | { readonly type: 'added' | 'modified' | 'deleted'; readonly object: KubeObject }
  | { readonly type: 'bookmark'; readonly resourceVersion: string };

/** How a watch ended without error: the server closed it, or the caller's signal aborted it. */
export type WatchEnd = { readonly type: 'closed' } | { readonly type: 'aborted' };

/** Options of a server-side apply. */
export interface ApplyOptions {
  /** Field manager, ≤ 128 printable characters (`orkestra-runtime`). */
  readonly fieldManager: string;
  /** Take ownership of fields other managers own (only for objects Orkestra owns). */
  readonly force: boolean;
}

/** Options of `Cluster.delete`. */
export interface DeleteOptions {
  readonly propagationPolicy?: 'Foreground' | 'Background' | 'Orphan';
  /** Delete only if the object still has this uid (not a re-created namesake). */
  readonly uid?: string;
}

/** The metadata fields `patchMetadata` may change; include `resourceVersion` to get a conflict instead of a lost update. */
export interface MetadataPatch {
  readonly resourceVersion?: string;
  /** Replaces the whole list (JSON merge patch semantics). */
  readonly finalizers?: readonly string[];
  /** A `null` value removes the key. */
  readonly labels?: Readonly<Record<string, string | null>>;
  readonly annotations?: Readonly<Record<string, string | null>>;
}

/**
 * The Kubernetes API as Orkestra uses it, within the runtime's RBAC (spec/rbac.md): no discovery,
 * no GET or PUT of `/status`. Every method resolves to a ClusterResult and never rejects for an
 * API or network failure.
 */
export interface Cluster {
  /** GETs one object. */
  get(ref: ObjectRef): Promise<ClusterResult<KubeObject>>;
  /** LISTs one page. */
  list(resource: Resource, options?: ListOptions): Promise<ClusterResult<ListPage>>;
  /**
   * WATCHes from `options.resourceVersion`, calling `onEvent` in order, until the server closes the
   * stream, `signal` aborts, or an error ends it (`gone` when the resourceVersion has expired).
   */
  watch(resource: Resource, options: WatchOptions, onEvent: (event: WatchEvent) => void, signal: AbortSignalLike): Promise<ClusterResult<WatchEnd>>;
  /** Server-side apply (PATCH `application/apply-patch+yaml`); creates the object when absent. */
  apply(resource: Resource, object: KubeObject, options: ApplyOptions): Promise<ClusterResult<KubeObject>>;
  /** JSON merge patch of `{status}` to the `/status` subresource. */
  patchStatus(ref: ObjectRef, status: Readonly<Record<string, unknown>>, fieldManager: string): Promise<ClusterResult<KubeObject>>;
  /** JSON merge patch of `{metadata: patch}` (finalizers, labels, annotations). */
  patchMetadata(ref: ObjectRef, patch: MetadataPatch, fieldManager: string): Promise<ClusterResult<KubeObject>>;
  /** DELETEs one object; resolves to `not-found` when it is already gone. */
  delete(ref: ObjectRef, options?: DeleteOptions): Promise<ClusterResult<void>>;
  /** POSTs a new object; `conflict` (reason AlreadyExists) when the name is taken. */
  create(resource: Resource, object: KubeObject): Promise<ClusterResult<KubeObject>>;
  /** PUTs an object; `metadata.resourceVersion` must match or the result is `conflict`. Only for Leases. */
  update(resource: Resource, object: KubeObject): Promise<ClusterResult<KubeObject>>;
}

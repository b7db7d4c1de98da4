import type { ConditionScope } from '../conditions/condition-model.ts';
import type { KubeObject } from '../children/kube-object.ts';
import type { CrdEntry } from '../katalog/model.ts';
import type { Template } from '../template/index.ts';
import type { ChildResource } from './child-key.ts';
import type { Sha256Text } from './fingerprint.ts';

/** Metadata of a CR or child as the watch cache holds it (managedFields stripped). */
export interface CachedMetadata {
  readonly name: string;
  readonly namespace?: string | undefined;
  readonly uid?: string | undefined;
  readonly resourceVersion?: string | undefined;
  readonly generation?: number | undefined;
  readonly deletionTimestamp?: string | undefined;
  readonly finalizers?: readonly string[] | undefined;
  readonly labels?: Readonly<Record<string, string>> | undefined;
  readonly annotations?: Readonly<Record<string, string>> | undefined;
  readonly [field: string]: unknown;
}

/** What the runtime remembers of the Ready condition it wrote. */
export interface ReadyMemo {
  readonly status: 'True' | 'False';
  readonly reason: string;
}

/** A CR from the watch cache. */
export interface CachedCr {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: CachedMetadata;
  readonly spec?: unknown;
  readonly status?: unknown;
}

/**
 * A child as the runtime's cache keeps it (projectChild), with the resource it was watched on:
 * metadata, status, the fields health rules and `.children` reads need, and our field set.
 */
export interface ObservedChild {
  readonly resource: ChildResource;
  readonly metadata: CachedMetadata;
  readonly apiVersion?: string | undefined;
  readonly kind?: string | undefined;
  /** Kept fields outside metadata and status, nested as in the object (`{spec: {replicas: 3}}`). */
  readonly kept?: Readonly<Record<string, unknown>> | undefined;
  readonly status?: unknown;
  /** `fieldsV1` of our server-side apply entry as JSON text; absent when we own no field of it. */
  readonly managed?: string | undefined;
  /**
   * When the runtime first saw this child, as an increasing count: a watch sends its add events in
   * creation order, so this orders children created in the same second (creationTimestamp has
   * whole seconds). After a restart the first list gives them in name order instead.
   */
  readonly seen?: number | undefined;
}

/** Everything one reconcile of one CR looks at; all of it comes from caches, none from GETs. */
export interface ReconcileInput {
  readonly crd: CrdEntry;
  readonly cr: CachedCr;
  /** Children attributed to this CR, by `childKey`. Only read after the child caches have synced. */
  readonly observedChildren: ReadonlyMap<string, ObservedChild>;
  readonly nowMs: number;
  /** Fingerprints the runtime applied per child key since it started (empty after a restart). */
  readonly lastApplied?: ReadonlyMap<string, string>;
  /** Compiled templates shared across reconciles. */
  readonly templateCache?: Map<string, Template>;
  /**
   * The SHA-256 the children's fingerprints use: the runtime passes node:crypto's (6-14× faster
   * than lib's pure one here on a 457-character Deployment); the answers are the same.
   */
  readonly sha256?: Sha256Text;
  // issue 14 (runtime)
  /**
   * Per child key, the resourceVersion the cache showed when this process last re-applied the
   * child to correct drift: while the cache still shows it, our apply has not come back through
   * the watch yet, so the same drift is not corrected twice.
   */
  readonly driftApplied?: ReadonlyMap<string, string>;
  /** The Ready condition this process last wrote for the CR; Events report changes against it, not against what someone else wrote. */
  readonly lastReady?: ReadyMemo | undefined;
  /**
   * The other custom resources of the CRD (from the runtime's cache), for `unique` conditions;
   * the runtime passes them only when the CRD uses `unique` (see `usesUnique`).
   */
  readonly peers?: readonly ConditionScope[];
}

/** A write (or Event) the runtime performs through the Cluster port, in order; the first failure stops the rest. */
export type Effect =
  | {
    readonly type: 'addFinalizer' | 'removeFinalizer';
    /** The whole new list (a JSON merge patch replaces lists). */
    readonly finalizers: readonly string[];
    /** Sent with the patch so a concurrent change to the CR conflicts instead of being lost. */
    readonly resourceVersion?: string;
  }
  | {
    readonly type: 'apply';
    readonly key: string;
    readonly resource: ChildResource;
    readonly object: KubeObject;
    /** Also in the object's APPLIED_HASH_ANNOTATION; record it as last applied once the apply succeeds. */
    readonly fingerprint: string;
    readonly fieldManager: string;
    /** Orkestra owns its children, so it takes fields over from other managers. */
    readonly force: true;
    /** Why: the child is missing, its desired object changed, or someone else changed a field of ours. */
    readonly cause: 'create' | 'update' | 'drift';
    /** For `drift`: the resourceVersion the cache showed (record it in driftApplied once the apply succeeds). */
    readonly observedResourceVersion?: string;
  }
  | {
    readonly type: 'delete';
    readonly key: string;
    readonly resource: ChildResource;
    readonly namespace?: string;
    readonly name: string;
    /** Precondition: only this object, not a re-created namesake. */
    readonly uid?: string;
    readonly reason: 'owner-deleted' | 'no-longer-desired';
  }
  | {
    readonly type: 'patchStatus';
    /** JSON merge patch body of `.status` (sent as `{status: ...}` to `/status`). */
    readonly status: Readonly<Record<string, unknown>>;
    /** The Ready condition this patch writes, if it writes one (remember it as lastReady once it succeeds). */
    readonly ready?: ReadyMemo;
  }
  | {
    readonly type: 'event';
    readonly eventType: 'Normal' | 'Warning';
    /** CamelCase, ≤ 128 characters. */
    readonly reason: string;
    /** Machine-readable verb (events.k8s.io/v1 `action`). */
    readonly action: string;
    /** ≤ 1024 characters. */
    readonly note: string;
  };

/** How a reconcile ended; the runtime never sleeps inside one. */
export type Outcome =
  | { readonly type: 'done' }
  | { readonly type: 'requeue'; readonly afterMs: number }
  | { readonly type: 'failed'; readonly message: string };

/** The effects to execute, in order, and what to do with the key afterwards. */
export interface ReconcilePlan {
  readonly effects: readonly Effect[];
  readonly outcome: Outcome;
}

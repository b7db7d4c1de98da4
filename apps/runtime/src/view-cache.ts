// The caches the HTTP API reads. CrdController keeps its CR informer and child index private
// (and crd-controller.ts is owned elsewhere for now), so until it exposes them this mirrors them
// with a second set of informers over the same resources: the same RBAC, twice the watches.
// Swap it for getters on CrdController (crs(), children(ownerKey), synced()) when they exist.
import { setTimeout as delay } from 'node:timers/promises';
import { isStarted, type ClusterObject, type Clock, type Cluster, type CrdHealth, type Entropy, type ObservedChild } from '@orkestra/lib';
import { createInformer, type Informer, type InformerStats } from '@orkestra/adapters/kube';
import { ChildIndex } from './child-index.ts';
import { crResourceOf } from './crd-controller.ts';
import type { CrdEntry } from '@orkestra/lib';
import type { Logger } from './logger.ts';
import { planChildWatches } from './plan-child-watches.ts';

/** Read access to one CRD's cached CRs and children. */
export interface CacheView {
  /** True once the CR and every child cache listed completely. */
  synced(): boolean;
  list(): readonly ClusterObject[];
  get(namespace: string | undefined, name: string): ClusterObject | undefined;
  /** The cached children carrying owner key `owner`, by childKey. */
  children(owner: string): ReadonlyMap<string, ObservedChild>;
  /** Stats of every informer, by resource name, for `orkestra_watch_*`. */
  stats(): ReadonlyMap<string, InformerStats>;
}

/** What a ViewCache is wired to. */
export interface ViewCacheDeps {
  readonly crd: CrdEntry;
  readonly cluster: Cluster;
  readonly clock: Clock;
  readonly entropy: Entropy;
  readonly log: Logger;
  /** The controller's health: the mirror starts once the controller has (its CRD exists). */
  readonly health: () => CrdHealth;
  /** How often to look whether the controller started. */
  readonly pollMs: number;
}

/** Mirrors one controller's CR and child caches for the HTTP API. */
export class ViewCache implements CacheView {
  readonly #deps: ViewCacheDeps;
  readonly #children = new ChildIndex();
  #cr: Informer | undefined;
  #informers: { name: string; informer: Informer }[] = [];
  #unsynced = Number.POSITIVE_INFINITY;

  constructor(deps: ViewCacheDeps) {
    this.#deps = deps;
  }

  synced(): boolean {
    return this.#unsynced === 0;
  }

  list(): readonly ClusterObject[] {
    return this.#cr?.list() ?? [];
  }

  get(namespace: string | undefined, name: string): ClusterObject | undefined {
    return this.#cr?.get(namespace, name);
  }

  children(owner: string): ReadonlyMap<string, ObservedChild> {
    return this.#children.of(owner);
  }

  stats(): ReadonlyMap<string, InformerStats> {
    return new Map(this.#informers.map(({ name, informer }) => [name, informer.stats()]));
  }

  /** Waits for the controller to start, then runs the mirror informers until `signal` aborts. */
  async run(signal: AbortSignal): Promise<void> {
    const { crd, cluster, clock, entropy, log, health, pollMs } = this.#deps;
    // Before the CRD exists a list would only 404 and back off; the controller already waits for it.
    while (!signal.aborted && !isStarted(health().state)) await sleep(pollMs, signal);
    if (signal.aborted) return;
    const onError = (resource: string) => (error: { type: string; message: string }, retryInMs: number): void =>
      log.debug('view watch failed', { resource, err: `${error.type}: ${error.message}`, retryInMs });
    const labelSelector = crd.labelSelector ? Object.entries(crd.labelSelector).map(([k, v]) => `${k}=${v}`).join(',') : undefined;
    const crResource = crResourceOf(crd);
    this.#cr = createInformer({
      cluster, resource: crResource, clock, entropy,
      ...(crd.namespace !== undefined ? { namespace: crd.namespace } : {}),
      ...(labelSelector !== undefined ? { labelSelector } : {}),
      onEvent: (event) => {
        if (event.type === 'synced') this.#unsynced--;
      },
      onError: onError(crResource.resource),
    });
    this.#informers = [{ name: crResource.resource, informer: this.#cr }];
    for (const { resource, namespace } of planChildWatches(crd)) {
      const informer = createInformer({
        cluster, resource, clock, entropy, ...(namespace !== undefined ? { namespace } : {}), metadataOnly: true,
        onEvent: (event) => {
          if (event.type === 'synced') this.#unsynced--;
          else if (event.type === 'delete') this.#children.delete(resource, event.object);
          else this.#children.upsert(resource, event.object, event.type === 'update' ? event.old : undefined);
        },
        onError: onError(resource.resource),
      });
      this.#informers.push({ name: namespace === undefined ? resource.resource : `${resource.resource}/${namespace}`, informer });
    }
    this.#unsynced = this.#informers.length;
    await Promise.all(this.#informers.map(({ informer }) => informer.run(signal)));
  }
}

async function sleep(ms: number, signal: AbortSignal): Promise<void> {
  try {
    await delay(ms, undefined, { signal });
  } catch {
    // Aborted: the caller checks its signal.
  }
}

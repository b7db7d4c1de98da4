// The list/watch loop of reference/ecosystem.md §4, replacing client-node 1.4's informer, which
// stops on any non-410 error, never backs off and has no stall detection. It never gives up:
// every failure (list, watch start, broken stream, ERROR event, stall) waits out an exponential
// backoff with jitter and tries again; only the caller's signal ends it.
import { setTimeout as delay } from 'node:timers/promises';
import type { Clock, Cluster, ClusterError, Entropy, KubeObject, Resource, WatchEvent } from '@orkestra/lib/ports';
import { createBackoff, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.ts';
import { cacheKey, diffRelist } from './relist-diff.ts';
import { stripObject } from './strip-object.ts';

/** What the informer tells its owner; `synced` comes once, after the first complete list. */
export type InformerEvent =
  | { readonly type: 'add'; readonly object: KubeObject }
  | { readonly type: 'update'; readonly object: KubeObject; readonly old: KubeObject }
  /** `synthetic`: found missing by a relist, so the final state is unknown (the watch missed it). */
  | { readonly type: 'delete'; readonly object: KubeObject; readonly synthetic: boolean }
  | { readonly type: 'synced' };

/** Waits `ms`, or less when `signal` aborts; never rejects. */
export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

/** Options of an informer; clock, entropy and sleep are injected so tests run on fake time. */
export interface InformerOptions {
  readonly cluster: Cluster;
  readonly resource: Resource;
  /** Watch one namespace; absent watches all. */
  readonly namespace?: string;
  readonly labelSelector?: string;
  /** `metadata.name=<name>`: watch one object. */
  readonly fieldSelector?: string;
  /** Cache PartialObjectMetadata only (observed objects: enough to route an event). */
  readonly metadataOnly?: boolean;
  /**
   * What the cache keeps of each object, applied to every listed and watched object instead of
   * the default stripObject (controller-runtime's TransformFunc): children keep only what drift,
   * health and `.children` read.
   */
  readonly transform?: (object: KubeObject) => KubeObject;
  readonly clock: Clock;
  readonly entropy: Entropy;
  readonly sleep?: Sleep;
  /** Called in order, synchronously; it must not throw (a throw is a broken invariant and rejects `run`). */
  readonly onEvent: (event: InformerEvent) => void;
  /** Every failure, with the delay before the next attempt. */
  readonly onError?: (error: ClusterError, retryInMs: number) => void;
  /** Called when a 401/403 makes the informer degraded, and when a later success makes it healthy again (for readiness and a Warning event). */
  readonly onHealth?: (health: InformerHealth) => void;
  /** List page size (default 500). */
  readonly pageSize?: number;
  readonly backoff?: BackoffPolicy;
  /** Range of the randomised server-side watch timeout (default 300–600 s, as client-go). */
  readonly watchTimeoutSeconds?: { readonly min: number; readonly max: number };
  /** Silence beyond the watch timeout plus this margin means a dead connection (default 30 s). */
  readonly watchdogMarginMs?: number;
  /** How often the watchdog looks (default 5 s). */
  readonly watchdogCheckMs?: number;
}

/** Whether the informer is allowed to do its job: RBAC errors do not stop it, they degrade it. */
export type InformerHealth = { readonly type: 'healthy' } | { readonly type: 'degraded'; readonly error: ClusterError };

/** Counters for `orkestra_*` metrics and `/health`. */
export interface InformerStats {
  readonly synced: boolean;
  /** The last 401/403, until a list or watch succeeds again. */
  readonly degraded: ClusterError | undefined;
  /** Watches that ended and were started again (clean closes included). */
  readonly reconnects: number;
  /** Lists after the first one (410s, failed initial lists). */
  readonly relists: number;
  /** Watches the watchdog aborted for silence. */
  readonly stalls: number;
  readonly errors: number;
  /** Clock time of the last watch event or bookmark (epoch ms). */
  readonly lastEventMs: number | undefined;
  readonly resourceVersion: string | undefined;
}

/** A running list/watch loop and its cache. */
export interface Informer {
  /** Runs until `signal` aborts; API and network failures never end it. */
  run(signal: AbortSignal): Promise<void>;
  /** The cached object, without managedFields. */
  get(namespace: string | undefined, name: string): KubeObject | undefined;
  list(): KubeObject[];
  stats(): InformerStats;
}

/** Creates an informer over `options.cluster`; call `run` to start it. */
export function createInformer(options: InformerOptions): Informer {
  const { cluster, resource, clock, onEvent } = options;
  const sleep = options.sleep ?? defaultSleep;
  const backoff = createBackoff(options.backoff ?? DEFAULT_BACKOFF, clock, options.entropy);
  const timeouts = options.watchTimeoutSeconds ?? { min: 300, max: 600 };
  const marginMs = options.watchdogMarginMs ?? 30_000;
  const checkMs = options.watchdogCheckMs ?? 5_000;
  const scope = {
    ...(options.namespace !== undefined ? { namespace: options.namespace } : {}),
    ...(options.labelSelector !== undefined ? { labelSelector: options.labelSelector } : {}),
    ...(options.fieldSelector !== undefined ? { fieldSelector: options.fieldSelector } : {}),
    ...(options.metadataOnly ? { metadataOnly: true } : {}),
  };
  const keep = options.transform ?? stripObject;
  let cache = new Map<string, KubeObject>();
  let rv: string | undefined;
  let synced = false, lists = 0, reconnects = 0, stalls = 0, errors = 0;
  let degraded: ClusterError | undefined;
  let lastEventMs: number | undefined;

  function setDegraded(error: ClusterError | undefined): void {
    const changed = (degraded === undefined) !== (error === undefined);
    degraded = error;
    if (changed) options.onHealth?.(error ? { type: 'degraded', error } : { type: 'healthy' });
  }

  async function failed(error: ClusterError, signal: AbortSignal): Promise<void> {
    errors++;
    if (error.type === 'forbidden') setDegraded(error);
    const retryInMs = backoff.next();
    options.onError?.(error, retryInMs);
    await sleep(retryInMs, signal);
  }

  async function relist(): Promise<ClusterError | undefined> {
    const items: KubeObject[] = [];
    let token: string | undefined;
    let listRv = '';
    lists++;
    do {
      const page = await cluster.list(resource, { ...scope, limit: options.pageSize ?? 500, ...(token ? { continue: token } : {}) });
      if (!page.ok) return page.error;
      items.push(...page.value.items.map(keep));
      token = page.value.continue;
      listRv = page.value.resourceVersion;
    } while (token);
    const changes = diffRelist(cache, items);
    cache = new Map(items.map((o) => [cacheKey(o), o]));
    rv = listRv;
    setDegraded(undefined);
    for (const c of changes) onEvent(c.type === 'delete' ? { type: 'delete', object: c.object, synthetic: true } : c);
    if (!synced) {
      synced = true;
      onEvent({ type: 'synced' });
    }
    return undefined;
  }

  function handle(event: WatchEvent): void {
    lastEventMs = clock.now();
    if (event.type === 'bookmark') {
      rv = event.resourceVersion;
      return;
    }
    const object = keep(event.object);
    const key = cacheKey(object);
    if (object.metadata.resourceVersion) rv = object.metadata.resourceVersion;
    const old = cache.get(key);
    if (event.type === 'deleted') {
      cache.delete(key);
      onEvent({ type: 'delete', object, synthetic: false });
      return;
    }
    cache.set(key, object);
    onEvent(old ? { type: 'update', object, old } : { type: 'add', object });
  }

  /** One watch from `rv`, guarded by the watchdog; resolves with the error that ended it, if any. */
  async function watchOnce(signal: AbortSignal): Promise<ClusterError | undefined> {
    const timeoutSeconds = timeouts.min + Math.floor(options.entropy.float() * (timeouts.max - timeouts.min + 1));
    const limitMs = timeoutSeconds * 1000 + marginMs;
    const ctl = new AbortController();
    const stop = (): void => ctl.abort();
    signal.addEventListener('abort', stop, { once: true });
    let lastActivityMs = clock.now();
    let stalled = false;
    const watchdog = (async () => {
      while (!ctl.signal.aborted) {
        await sleep(checkMs, ctl.signal);
        if (!ctl.signal.aborted && clock.now() - lastActivityMs > limitMs) {
          stalled = true;
          ctl.abort();
        }
      }
    })();
    const result = await cluster.watch(resource, { ...scope, resourceVersion: rv ?? '', timeoutSeconds, allowWatchBookmarks: true }, (event) => {
      lastActivityMs = clock.now();
      setDegraded(undefined);
      handle(event);
    }, ctl.signal);
    ctl.abort();
    signal.removeEventListener('abort', stop);
    await watchdog;
    if (signal.aborted) return undefined;
    reconnects++;
    if (stalled) {
      stalls++;
      return { type: 'unavailable', message: `watch of ${resource.resource} stalled: no event or bookmark for ${limitMs} ms` };
    }
    if (!result.ok) {
      if (result.error.type === 'gone') rv = undefined;
      return result.error;
    }
    return undefined;
  }

  return {
    async run(signal) {
      while (!signal.aborted) {
        if (rv === undefined) {
          const error = await relist();
          if (error) {
            await failed(error, signal);
            continue;
          }
        }
        const startedMs = clock.now();
        const eventsBefore = lastEventMs;
        const error = await watchOnce(signal);
        if (signal.aborted) return;
        if (error) await failed(error, signal);
        // A watch that closes at once without a single event would otherwise spin: treat as a failure.
        else if (lastEventMs === eventsBefore && clock.now() - startedMs < 1000) await failed({ type: 'unavailable', message: `watch of ${resource.resource} closed at once` }, signal);
      }
    },
    get: (namespace, name) => cache.get(namespace ? `${namespace}/${name}` : name),
    list: () => [...cache.values()],
    stats: () => ({ synced, degraded, reconnects, relists: Math.max(0, lists - 1), stalls, errors, lastEventMs, resourceVersion: rv }),
  };
}

async function defaultSleep(ms: number, signal: AbortSignal): Promise<void> {
  try {
    await delay(ms, undefined, { signal });
  } catch {
    // Aborted: the caller checks its signal.
  }
}

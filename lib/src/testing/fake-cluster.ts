// An in-memory Cluster for unit tests of everything that talks to Kubernetes. It keeps the
// semantics callers depend on (resourceVersions, 404/409/410, finalizers delaying deletion,
// ordered watch events, paging) and approximates server-side apply as a JSON merge of the
// applied fields. It has no timers: watch events are delivered in order from microtasks, and a
// watch ends only when its signal aborts, `closeWatches()` is called, or an injected error fires.
import type { Clock } from '../ports/clock.ts';
import type { ClusterError, ClusterResult } from '../ports/cluster-error.ts';
import { fail, ok } from '../ports/cluster-error.ts';
import type { Cluster, ListOptions, ListPage, MetadataPatch, WatchEnd, WatchEvent, WatchOptions } from '../ports/cluster.ts';
import type { KubeObject, ObjectMeta } from '../ports/kube-object.ts';
import type { ObjectRef, Resource } from '../ports/resource.ts';
import { checkName, checkScope, conflict, objectKey, pick, resourceKeyOf, splitToken, view, visible } from './fake-cluster-rules.ts';
import { clone, jsonEqual, mergePatch } from './merge-json.ts';
import { fieldSetOf } from './field-set-of.ts';

/** The Cluster methods a test can count or make fail. */
export type FakeMethod = 'get' | 'list' | 'watch' | 'apply' | 'patchStatus' | 'patchMetadata' | 'delete' | 'create' | 'update';

/** An in-memory Cluster plus the controls a test needs. */
export interface FakeCluster extends Cluster {
  /** Makes the next `times` calls of `method` fail with `error` (a watch fails when it starts). */
  failNext(method: FakeMethod, error: ClusterError, times?: number): void;
  /** Ends every open watch as if the server closed it (timeout, restart). */
  closeWatches(): void;
  /** Ends every open watch with `error` (a broken stream, or a 410 ERROR event). */
  breakWatches(error: ClusterError): void;
  /** Forgets the event history: watching from any resourceVersion before now answers `gone`. */
  compact(): void;
  /**
   * Holds back the watch events of `resource` until `releaseWatches()`, in order: a watch cache
   * that lags behind the writes, as an informer's does behind the API server's answers.
   */
  holdWatches(resource: Resource): void;
  /** Delivers every held event, in order, and holds no more. */
  releaseWatches(): void;
  /** How many times `method` was called. */
  calls(method: FakeMethod): number;
  /** How many watches are open. */
  openWatches(): number;
  /** The current resourceVersion of the whole store. */
  resourceVersion(): string;
}

/** Options of the fake: the clock stamps creation and deletion timestamps. */
export interface FakeClusterOptions {
  readonly clock?: Clock;
}

interface Stored { readonly resourceKey: string; readonly object: KubeObject }
interface HistoryEntry { readonly rv: number; readonly resourceKey: string; readonly type: 'added' | 'modified' | 'deleted'; readonly object: KubeObject }
interface Watcher {
  readonly resourceKey: string;
  readonly options: WatchOptions;
  readonly onEvent: (event: WatchEvent) => void;
  readonly finish: (result: ClusterResult<WatchEnd>) => void;
  readonly queue: WatchEvent[];
  flushing: boolean;
}

/** Creates an empty in-memory cluster. */
export function fakeCluster(options: FakeClusterOptions = {}): FakeCluster {
  const clock = options.clock ?? { now: () => 0 };
  const store = new Map<string, Stored>();
  const history: HistoryEntry[] = [];
  const watchers = new Set<Watcher>();
  const failures = new Map<FakeMethod, { error: ClusterError; times: number }>();
  const counts = new Map<FakeMethod, number>();
  const held = new Set<string>();
  let rv = 1;
  let compactedRv = 0;
  let uids = 0;

  function enter(method: FakeMethod): ClusterError | undefined {
    counts.set(method, (counts.get(method) ?? 0) + 1);
    const f = failures.get(method);
    if (!f) return undefined;
    if (--f.times <= 0) failures.delete(method);
    return f.error;
  }

  function record(resourceKey: string, type: HistoryEntry['type'], object: KubeObject): void {
    history.push({ rv, resourceKey, type, object });
    for (const w of watchers) if (w.resourceKey === resourceKey && visible(w.options, object)) deliver(w, { type, object: view(object, w.options.metadataOnly) });
  }

  function deliver(w: Watcher, event: WatchEvent): void {
    w.queue.push(clone(event));
    flush(w);
  }

  function flush(w: Watcher): void {
    if (w.flushing || w.queue.length === 0 || held.has(w.resourceKey)) return;
    w.flushing = true;
    // A microtask, not a timer: lib has none, and callers see writes before their events.
    void Promise.resolve().then(() => {
      w.flushing = false;
      if (held.has(w.resourceKey)) return;
      for (const e of w.queue.splice(0)) if (watchers.has(w)) w.onEvent(e);
    });
  }

  function write(resource: Resource, object: KubeObject, type: HistoryEntry['type']): KubeObject {
    rv++;
    const { namespace: _ignored, ...clusterMeta } = object.metadata;
    const written: KubeObject = { ...object, metadata: { ...(resource.namespaced ? object.metadata : clusterMeta), resourceVersion: String(rv) } };
    const key = objectKey(resource, written.metadata.namespace, written.metadata.name);
    if (type === 'deleted') store.delete(key);
    else store.set(key, { resourceKey: resourceKeyOf(resource), object: written });
    record(resourceKeyOf(resource), type, written);
    return clone(written);
  }

  function lookup(ref: ObjectRef): ClusterResult<KubeObject> {
    const bad = checkScope(ref.resource, ref.namespace);
    if (bad) return bad;
    const found = store.get(objectKey(ref.resource, ref.namespace, ref.name));
    return found ? ok(found.object) : fail('not-found', `${ref.resource.resource} "${ref.name}" not found`, { status: 404, reason: 'NotFound' });
  }

  /** Writes `next` over `current` unless nothing changed; bumps generation when more than metadata or status changed. */
  function change(resource: Resource, current: KubeObject, next: KubeObject): KubeObject {
    if (jsonEqual(current, next)) return clone(current);
    const { metadata: _a, status: _b, ...currentBody } = current;
    const { metadata: _c, status: _d, ...nextBody } = next;
    const generation = (current.metadata.generation ?? 1) + (jsonEqual(currentBody, nextBody) ? 0 : 1);
    if (next.metadata.deletionTimestamp && !(next.metadata.finalizers ?? []).length) return write(resource, next, 'deleted');
    return write(resource, { ...next, metadata: { ...next.metadata, generation } }, 'modified');
  }

  function newMeta(object: KubeObject, extra: Partial<ObjectMeta>): ObjectMeta {
    return { ...object.metadata, uid: `fake-uid-${++uids}`, generation: 1, creationTimestamp: new Date(clock.now()).toISOString(), ...extra };
  }

  return {
    async get(ref) {
      const e = enter('get');
      if (e) return { ok: false, error: e };
      const r = lookup(ref);
      return r.ok ? ok(clone(r.value)) : r;
    },

    async list(resource, opts: ListOptions = {}) {
      const e = enter('list');
      if (e) return { ok: false, error: e };
      const [tokenRv, after] = opts.continue ? splitToken(opts.continue) : [String(rv), ''];
      const matching = [...store.entries()]
        .filter(([key, s]) => s.resourceKey === resourceKeyOf(resource) && key > after && visible(opts, s.object))
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      const page = opts.limit && opts.limit > 0 ? matching.slice(0, opts.limit) : matching;
      const more = page.length < matching.length;
      const result: ListPage = {
        items: page.map(([, s]) => view(clone(s.object), opts.metadataOnly)),
        resourceVersion: tokenRv,
        ...(more ? { continue: `${tokenRv}|${page[page.length - 1]![0]}` } : {}),
      };
      return ok(result);
    },

    watch(resource, opts, onEvent, signal) {
      const e = enter('watch');
      if (e) return Promise.resolve({ ok: false, error: e });
      const from = Number(opts.resourceVersion);
      if (opts.resourceVersion !== '0' && (!Number.isInteger(from) || from < compactedRv)) {
        return Promise.resolve(fail('gone', `too old resource version: ${opts.resourceVersion} (${compactedRv})`, { status: 410, reason: 'Expired' }));
      }
      if (signal.aborted) return Promise.resolve(ok({ type: 'aborted' }));
      return new Promise((resolve) => {
        const w: Watcher = {
          resourceKey: resourceKeyOf(resource), options: opts, onEvent, queue: [], flushing: false,
          finish: (result) => {
            if (!watchers.delete(w)) return;
            signal.removeEventListener('abort', onAbort);
            resolve(result);
          },
        };
        const onAbort = (): void => w.finish(ok({ type: 'aborted' }));
        signal.addEventListener('abort', onAbort);
        watchers.add(w);
        if (opts.resourceVersion !== '0') {
          for (const h of history) if (h.rv > from && h.resourceKey === w.resourceKey && visible(opts, h.object)) deliver(w, { type: h.type, object: view(h.object, opts.metadataOnly) });
        }
      });
    },

    async apply(resource, object, opts) {
      const e = enter('apply');
      if (e) return { ok: false, error: e };
      const bad = checkScope(resource, object.metadata.namespace) ?? checkName(object);
      if (bad) return bad;
      const { status: _ignored, ...intent } = clone(object);
      const key = objectKey(resource, object.metadata.namespace, object.metadata.name);
      const current = store.get(key)?.object;
      // The applied fields become the manager's set (what detectDrift reads); other managers keep theirs.
      const ours = { manager: opts.fieldManager, operation: 'Apply', fieldsType: 'FieldsV1', fieldsV1: fieldSetOf(intent) };
      const managedFields = [...(current?.metadata.managedFields ?? []).filter((m) => (m as { manager?: string; operation?: string }).manager !== opts.fieldManager
        || (m as { operation?: string }).operation !== 'Apply'), ours];
      if (!current) {
        const { resourceVersion: _rv, ...meta } = intent.metadata;
        return ok(write(resource, { ...intent, metadata: newMeta({ ...intent, metadata: meta }, { managedFields }) }, 'added'));
      }
      if (intent.metadata.resourceVersion !== undefined && intent.metadata.resourceVersion !== current.metadata.resourceVersion) return conflict(object.metadata.name);
      const next = mergePatch(current, intent) as KubeObject;
      return ok(change(resource, current, { ...next, metadata: { ...next.metadata, managedFields } }));
    },

    async patchStatus(ref, status) {
      const e = enter('patchStatus');
      if (e) return { ok: false, error: e };
      const r = lookup(ref);
      if (!r.ok) return r;
      return ok(change(ref.resource, r.value, mergePatch(r.value, { status }) as KubeObject));
    },

    async patchMetadata(ref, patch: MetadataPatch) {
      const e = enter('patchMetadata');
      if (e) return { ok: false, error: e };
      const r = lookup(ref);
      if (!r.ok) return r;
      if (patch.resourceVersion !== undefined && patch.resourceVersion !== r.value.metadata.resourceVersion) return conflict(ref.name);
      const { resourceVersion: _rv, ...fields } = patch;
      return ok(change(ref.resource, r.value, mergePatch(r.value, { metadata: fields }) as KubeObject));
    },

    async delete(ref, opts = {}) {
      const e = enter('delete');
      if (e) return { ok: false, error: e };
      const r = lookup(ref);
      if (!r.ok) return r;
      const current = r.value;
      if (opts.uid !== undefined && opts.uid !== current.metadata.uid) return conflict(ref.name);
      if ((current.metadata.finalizers ?? []).length) {
        if (!current.metadata.deletionTimestamp) write(ref.resource, { ...current, metadata: { ...current.metadata, deletionTimestamp: new Date(clock.now()).toISOString() } }, 'modified');
      } else {
        write(ref.resource, current, 'deleted');
      }
      return ok(undefined);
    },

    async create(resource, object) {
      const e = enter('create');
      if (e) return { ok: false, error: e };
      const bad = checkScope(resource, object.metadata.namespace) ?? checkName(object);
      if (bad) return bad;
      if (object.metadata.resourceVersion) return fail('invalid', 'resourceVersion should not be set on objects to be created', { status: 500 });
      if (store.has(objectKey(resource, object.metadata.namespace, object.metadata.name))) {
        return fail('conflict', `${resource.resource} "${object.metadata.name}" already exists`, { status: 409, reason: 'AlreadyExists' });
      }
      const { status: _ignored, ...body } = clone(object);
      return ok(write(resource, { ...body, metadata: newMeta(body, {}) }, 'added'));
    },

    async update(resource, object) {
      const e = enter('update');
      if (e) return { ok: false, error: e };
      const r = lookup({ resource, name: object.metadata.name, ...(object.metadata.namespace !== undefined ? { namespace: object.metadata.namespace } : {}) });
      if (!r.ok) return r;
      const current = r.value;
      if (!object.metadata.resourceVersion) return fail('invalid', 'metadata.resourceVersion: must be specified for an update', { status: 422, reason: 'Invalid' });
      if (object.metadata.resourceVersion !== current.metadata.resourceVersion) return conflict(object.metadata.name);
      const { status: _ignored, ...body } = clone(object);
      const next: KubeObject = {
        ...body,
        ...(current['status'] !== undefined ? { status: current['status'] } : {}),
        metadata: { ...body.metadata, ...pick(current.metadata, ['uid', 'creationTimestamp', 'generation']) },
      };
      return ok(change(resource, current, next));
    },

    failNext(method, error, times = 1) {
      failures.set(method, { error, times });
    },
    closeWatches() {
      for (const w of [...watchers]) w.finish(ok({ type: 'closed' }));
    },
    breakWatches(error) {
      for (const w of [...watchers]) w.finish({ ok: false, error });
    },
    compact() {
      compactedRv = rv;
      history.length = 0;
    },
    holdWatches(resource) {
      held.add(resourceKeyOf(resource));
    },
    releaseWatches() {
      held.clear();
      for (const w of watchers) flush(w);
    },
    calls: (method) => counts.get(method) ?? 0,
    openWatches: () => watchers.size,
    resourceVersion: () => String(rv),
  };
}

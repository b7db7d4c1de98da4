// One enabled CRD's controller: wait for the CRD and its dependencies, run the CR informer, the
// children's informers (whole objects, projected to what drift, health and `.children` read) and
// the observe.watch informers, and reconcile queued keys with `workers` workers while this replica
// leads. Every decision is lib's (spec/runtime.md); this file only moves data and awaits I/O.
import { setTimeout as delay } from 'node:timers/promises';
import type { CrdEntry } from '@orkestra/lib/katalog';
import type { Template } from '@orkestra/lib/template';
import type { ConditionScope } from '@orkestra/lib/conditions';
import {
  canStart, childKeepPaths, childrenReadStatus, crUpdateMatters, initialHealth, newerObject, ownerKeyOf, parseQueueKey, planReconcile, planReconcileFailure,
  planRuleCheck, projectChild, queueKeyOf, routeChildEvent, stepHealth,
  WorkQueue, type CachedCr, type CrdHealth, type Effect, type HealthEvent, type HealthState, type ReconcilePlan, usesUnique,
} from '@orkestra/lib/runtime';
import type { Clock, Cluster, KubeObject as ClusterObject, Entropy, Resource, Logger } from '@orkestra/lib/ports';
import { createInformer, type Informer, type InformerHealth, type InformerStats } from '@orkestra/adapters/kube';
import { CrdPresenceMonitor } from './crd-presence.ts';
import type { RunWithBudget } from './cpu-budget.ts';
import { ChildIndex } from './child-index.ts';
import { planChildKinds } from './child-kinds.ts';
import { createObserveInformers } from './observe-informers.ts';
import { nativeSha256 } from './native-sha256.ts';
import { ReconcileMemory } from './reconcile-memory.ts';
import { planChildWatches } from './plan-child-watches.ts';
import { describeFailure, executeEffect } from './execute-effect.ts';
import { RecentEvents } from './recent-events.ts';
import type { CacheView } from './runtime-view.ts';
import { Wake } from './wake.ts';

const CRD_RESOURCE: Resource = { group: 'apiextensions.k8s.io', version: 'v1', resource: 'customresourcedefinitions', namespaced: false };
// After a deleted CRD returns, the CR informer retries at least this often, for this long.
const FAST_RETRY_MS = 1_000;
const FAST_RETRY_AFTER_CRD_BACK_MS = 30_000;
// Ready keys a worker plans under one budget: the watchdog's cost shared by 8, and at most 8 plans
// computed ahead of their effects (the last one's effects wait for the seven before it).
const PLAN_BATCH = 8;

/** One reconcile between reading the caches and executing its effects. */
interface Prepared {
  readonly key: string;
  readonly log: Logger;
  readonly startedMs: number;
  readonly cr: CachedCr;
  /** Plans it; a planner that throws gives a failed plan, never a throw. */
  readonly plan: () => ReconcilePlan;
}

/** Tuning of one controller, with the runtime's defaults already merged with the CRD entry's. */
export interface ControllerSettings {
  readonly workers: number;
  readonly resyncMs: number;
  readonly maxDepth: number;
  readonly failureThreshold: number;
  /** How often to look again for a missing CRD or unmet dependencies. */
  readonly startPollMs: number;
}

/** controller-runtime's reconcile result label. */
export type ReconcileResult = 'success' | 'error' | 'requeue' | 'requeue_after';

/** Told what each reconcile cost (for controller_runtime_* and workqueue_* metrics). */
export interface ReconcileObserver {
  /** A key left the queue for a worker after `queuedSeconds` in it. */
  dequeued(queuedSeconds: number): void;
  /** A reconcile ended with `result` after `seconds`. */
  reconciled(result: ReconcileResult, seconds: number): void;
}

/** What a controller is wired to. */
export interface ControllerDeps {
  readonly crd: CrdEntry;
  readonly cluster: Cluster;
  readonly clock: Clock;
  readonly entropy: Entropy;
  readonly log: Logger;
  readonly settings: ControllerSettings;
  /** This replica's identity (Events' reportingInstance). */
  readonly identity: string;
  readonly isLeader: () => boolean;
  /** Health of the other controllers, for `dependsOn`. */
  readonly healthOf: (name: string) => HealthState | undefined;
  readonly observer?: ReconcileObserver;
  /** Runs a reconcile's planning under the CPU budget (cpu-budget.ts); without it, unbounded (tests). */
  readonly runWithBudget?: RunWithBudget;
}

/** The REST resource of a CRD's custom resources. */
export function crResourceOf(crd: CrdEntry): Resource {
  return { group: crd.group, version: crd.version, resource: crd.plural, namespaced: crd.scope === 'Namespaced' };
}

/**
 * Runs one CRD's informers and workers; one failing controller never stops another. Its caches
 * are also what the HTTP API reads (CacheView), so the API costs no watch of its own.
 */
export class CrdController implements CacheView {
  readonly crd: CrdEntry;
  readonly queue: WorkQueue;
  readonly #deps: ControllerDeps;
  readonly #wake = new Wake();
  readonly #children = new ChildIndex();
  readonly #events = new RecentEvents();
  readonly #memory = new ReconcileMemory();
  readonly #templates = new Map<string, Template>();
  // Issue 15: per CR key, what the reconcile-time rule check last found (a denial, the broken warn rules).
  readonly #ruleFindings = new Map<string, { readonly denied?: string; readonly warnings: readonly string[] }>();
  // `unique` conditions compare with the other CRs; listed from the cache only for CRDs that use it.
  readonly #usesUnique: boolean;
  readonly #resource: Resource;
  #health: CrdHealth;
  #crInformer: Informer | undefined;
  #informers: { readonly name: string; readonly informer: Informer }[] = [];
  #unsynced = Number.POSITIVE_INFINITY;
  #reconciles = 0;
  // Keys the full queue refused, in arrival order (a Set: each key once, bounded by the cache).
  readonly #deferred = new Set<string>();
  // Keys whose planning ran out of its budget alone: planned alone until they fit again (#planAll).
  readonly #overBudget = new Set<string>();

  /** The other custom resources of this CRD in the cache, as conditions read them. */
  #peersOf(cr: CachedCr): ConditionScope[] {
    return (this.#crInformer?.list() ?? [])
      .filter((o) => o.metadata.name !== cr.metadata.name || o.metadata.namespace !== cr.metadata.namespace)
      .map((o) => ({ metadata: o.metadata, spec: (o as { spec?: unknown }).spec, status: (o as { status?: unknown }).status }));
  }

  constructor(deps: ControllerDeps) {
    this.#deps = deps;
    this.crd = deps.crd;
    this.#resource = crResourceOf(deps.crd);
    this.#usesUnique = usesUnique(deps.crd);
    this.queue = new WorkQueue({ maxDepth: deps.settings.maxDepth });
    this.#health = initialHealth(deps.clock.now());
  }

  /** The controller's health (spec/runtime.md §3). */
  health(): CrdHealth {
    return this.#health;
  }

  /** CRs the rule check holds (denied) or warns about, by `namespace/name` (issue 15, the CRD's health). */
  ruleFindings(): ReadonlyMap<string, { readonly denied?: string; readonly warnings: readonly string[] }> {
    return this.#ruleFindings;
  }

  /** Reconciles finished so far (any outcome). */
  reconciles(): number {
    return this.#reconciles;
  }

  /** True once the CR cache and every child cache listed completely. */
  synced(): boolean {
    return this.#unsynced === 0;
  }

  /** The cached CRs. */
  list(): readonly ClusterObject[] {
    return this.#crInformer?.list() ?? [];
  }

  get(namespace: string | undefined, name: string): ClusterObject | undefined {
    return this.#crInformer?.get(namespace, name);
  }

  /** The cached children carrying owner key `owner`, by childKey. */
  children(owner: string): ReturnType<ChildIndex['of']> {
    return this.#children.of(owner);
  }

  /** The Events this replica recorded for a CR (queue key), newest first. */
  events(key: string): ReturnType<RecentEvents['of']> {
    return this.#events.of(key);
  }

  /** Stats of every informer, by resource (`resource/namespace` for a namespaced watch). */
  stats(): ReadonlyMap<string, InformerStats> {
    return new Map(this.#informers.map(({ name, informer }) => [name, informer.stats()]));
  }

  /** Called when this replica gains or loses leadership: a new leader re-queues everything it caches. */
  leadershipChanged(leading: boolean): void {
    if (leading) this.#enqueueAll();
    this.#wake.wake();
  }

  /** Waits for the CRD and dependencies, then runs informers, resync and workers until `signal` aborts. */
  async run(signal: AbortSignal): Promise<void> {
    if (!(await this.#waitUntilStartable(signal))) return this.#step({ type: 'stopped' });
    const { crd, cluster, clock, entropy, log } = this.#deps;
    const labelSelector = crd.labelSelector ? Object.entries(crd.labelSelector).map(([k, v]) => `${k}=${v}`).join(',') : undefined;
    const scope = {
      ...(crd.namespace !== undefined ? { namespace: crd.namespace } : {}),
    };
    // Issue 12: the CRD may be deleted under a running controller; /health must say so within
    // seconds, and a re-created CRD must be picked up without waiting out the CR informer's
    // backoff (grown to ~30 s while the CRD was gone, then a 410 for its stale resourceVersion):
    // for a short while after the CRD returns, the CR informer retries at least every second.
    const crWake = new Wake();
    let fastRetryUntilMs = 0;
    const presence = new CrdPresenceMonitor(cluster, `${crd.plural}.${crd.group}`, this.#deps.settings.startPollMs, (p) => {
      log[p === 'gone' ? 'warn' : 'info'](p === 'gone' ? 'CRD deleted: waiting for it to return' : 'CRD back: listing again', { resource: `${crd.plural}.${crd.group}` });
      this.#step(p === 'gone' ? { type: 'crd-missing' } : { type: 'started' });
      if (p === 'back') {
        fastRetryUntilMs = clock.now() + FAST_RETRY_AFTER_CRD_BACK_MS;
        crWake.wake();
      }
    });
    const crSleep = (ms: number, s: AbortSignal): Promise<void> =>
      crWake.sleep(clock.now() < fastRetryUntilMs ? Math.min(ms, FAST_RETRY_MS) : ms, s);
    const onError = (resource: string) => (error: { type: string; message: string }, retryInMs: number): void => {
      log.warn('watch failed', { resource, err: `${error.type}: ${error.message}`, retryInMs });
      if (resource === this.#resource.resource && error.type === 'not-found') presence.checkNow();
    };
    // A 403 on a list or watch means the installed RBAC does not match the Katalog: the cache
    // cannot fill, so the CRD is degraded (spec/runtime.md §3) and the log says what to do.
    const onHealth = (resource: string) => (health: InformerHealth): void => {
      if (health.type === 'degraded') {
        log.error('watch forbidden: check that the bundle for this Katalog is applied', { resource, err: health.error.message });
        this.#step({ type: 'watch-forbidden', resource, message: health.error.message });
      } else {
        log.info('watch allowed again', { resource });
        this.#step({ type: 'watch-allowed', resource });
      }
    };
    // Status-only updates (ours coming back, or someone else's) are not reconciled, unless the
    // children follow the CR's own status (spec/runtime.md §2.5).
    const readsStatus = childrenReadStatus(crd);
    const cr = createInformer({
      cluster, resource: this.#resource, clock, entropy, sleep: crSleep, ...scope, ...(labelSelector ? { labelSelector } : {}),
      onEvent: (event) => {
        if (event.type === 'synced') return this.#synced();
        const key = queueKeyOf(event.object.metadata);
        // Our write has come back: the cache holds it now, so its answer need not be kept.
        this.#memory.caughtUp(key, event.object);
        if (event.type === 'update' && !crUpdateMatters(event.old, event.object, readsStatus)) return;
        // A deleted CR's Events go with it (and a CR of the same name later starts afresh).
        if (event.type === 'delete') this.#events.forget(key);
        this.#add(key);
      },
      onError: onError(this.#resource.resource),
      onHealth: onHealth(this.#resource.resource),
    });
    this.#crInformer = cr;
    this.#informers = [{ name: this.#resource.resource, informer: cr }];
    const keep = childKeepPaths(crd);
    const kinds = planChildKinds(crd);
    const children = planChildWatches(crd).map(({ resource, namespace }) => {
      const name = namespace === undefined ? resource.resource : `${resource.resource}/${namespace}`;
      const kind = kinds.get(`${resource.group}/${resource.resource}`);
      const paths = keep.get(`${resource.group}/${resource.resource}`) ?? [];
      const informer = createInformer({
        cluster, resource, clock, entropy, ...(namespace !== undefined ? { namespace } : {}),
        // List items carry no apiVersion or kind: the Katalog knows them.
        transform: (o) => ({ ...projectChild(o, paths), ...(kind ? { apiVersion: kind.apiVersion, kind: kind.kind } : {}) }),
        onEvent: (event) => {
          if (event.type === 'synced') return this.#synced();
          if (event.type === 'delete') this.#children.delete(resource, event.object);
          else this.#children.upsert(resource, event.object, event.type === 'update' ? event.old : undefined);
          this.#routeChild(event.object);
          if (event.type === 'update') this.#routeChild(event.old);
        },
        onError: onError(name),
        onHealth: onHealth(name),
      });
      this.#informers.push({ name, informer });
      return informer;
    });
    const observed = createObserveInformers(crd, {
      cluster, clock, entropy, enqueue: (key) => this.#add(key), synced: () => this.#synced(), onError, onHealth,
    });
    this.#informers.push(...observed);
    this.#unsynced = 1 + children.length + observed.length;
    this.#step({ type: 'started' });
    log.info('controller started', { resource: `${crd.plural}.${crd.group}`, children: children.length, workers: this.#deps.settings.workers });
    const workers = Array.from({ length: this.#deps.settings.workers }, () => this.#work(signal));
    await Promise.all([cr.run(signal), ...children.map((c) => c.run(signal)), ...observed.map((o) => o.informer.run(signal)), this.#resync(signal), presence.run(signal), ...workers]);
    this.#step({ type: 'stopped' });
  }

  async #waitUntilStartable(signal: AbortSignal): Promise<boolean> {
    const { crd, cluster, log, settings } = this.#deps;
    const name = `${crd.plural}.${crd.group}`;
    while (!signal.aborted) {
      const found = await cluster.get({ resource: CRD_RESOURCE, name });
      if (found.ok) {
        const decision = canStart(crd, this.#deps.healthOf);
        if (decision.type === 'start') return true;
        this.#step({ type: 'dependencies-unmet', waitingFor: decision.waitingFor });
      } else if (found.error.type === 'not-found') {
        this.#step({ type: 'crd-missing' });
      } else {
        log.warn('cannot check the CRD', { resource: name, err: `${found.error.type}: ${found.error.message}` });
      }
      await sleep(settings.startPollMs, signal);
    }
    return false;
  }

  #synced(): void {
    this.#unsynced--;
    if (this.#unsynced === 0) {
      this.#deps.log.info('caches synced');
      this.#wake.wake();
    }
  }

  #routeChild(object: ClusterObject): void {
    const route = routeChildEvent([this.crd], object.metadata);
    if (route) this.#add(route.key);
  }

  #add(key: string): void {
    if (!this.queue.add(key, this.#deps.clock.now())) this.#defer(key);
    this.#wake.wake();
  }

  #enqueueAll(): void {
    const nowMs = this.#deps.clock.now();
    for (const o of this.#crInformer?.list() ?? []) {
      const key = queueKeyOf(o.metadata);
      if (!this.queue.add(key, nowMs)) this.#defer(key);
    }
  }

  /**
   * A key the full queue refused waits here, each key once, and moves into the queue as soon as
   * there is room (#work). Dropping it until the next resync would starve a tail for good when
   * there are more CRs than `maxDepth`: every resync refills the queue with the same head.
   */
  #defer(key: string): void {
    if (this.#deferred.size === 0) this.#deps.log.warn('queue full: keys wait until the queue has room', { maxDepth: this.#deps.settings.maxDepth });
    this.#deferred.add(key);
  }

  /** Moves deferred keys into the queue, oldest first, until it is full again. */
  #undefer(): void {
    const nowMs = this.#deps.clock.now();
    for (const key of this.#deferred) {
      if (!this.queue.add(key, nowMs)) return;
      this.#deferred.delete(key);
    }
  }

  async #resync(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      await sleep(this.#deps.settings.resyncMs, signal);
      if (signal.aborted) return;
      this.#enqueueAll();
      this.#wake.wake();
    }
  }

  async #work(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      // A child missing from an unsynced cache may exist: reconcile only after every cache synced.
      if (this.#unsynced > 0 || !this.#deps.isLeader()) {
        await this.#wake.sleep(Number.POSITIVE_INFINITY, signal);
        continue;
      }
      let next = this.queue.next(this.#deps.clock.now());
      if (next.type !== 'ready' && this.#deferred.size > 0) {
        this.#undefer();
        next = this.queue.next(this.#deps.clock.now());
      }
      if (next.type !== 'ready') {
        await this.#wake.sleep(next.type === 'wait' ? next.afterMs : Number.POSITIVE_INFINITY, signal);
        continue;
      }
      // Up to PLAN_BATCH ready keys are planned together, under one budget (#planAll).
      const keys = [next.key];
      this.#deps.observer?.dequeued(next.queuedMs / 1000);
      while (keys.length < PLAN_BATCH) {
        const more = this.queue.next(this.#deps.clock.now());
        if (more.type !== 'ready') break;
        this.#deps.observer?.dequeued(more.queuedMs / 1000);
        keys.push(more.key);
      }
      const prepared = keys.flatMap((key) => this.#prepare(key) ?? []);
      const plans = this.#planAll(prepared);
      for (const [i, p] of prepared.entries()) {
        // Leadership lost or shutting down mid-batch: the rest write nothing (a new leader re-queues everything).
        if (signal.aborted || !this.#deps.isLeader()) this.queue.done(p.key, this.#deps.clock.now());
        else await this.#finish(p, plans[i]!);
      }
    }
  }

  /** What a reconcile reads, for a key whose CR is cached; a key whose CR is gone is finished here. */
  #prepare(key: string): Prepared | undefined {
    const { crd, clock, entropy } = this.#deps;
    const reconcileID = Math.floor(entropy.float() * 2 ** 32).toString(16).padStart(8, '0');
    const { namespace, name } = parseQueueKey(key);
    const log = this.#deps.log.child({ namespace, name, reconcileID });
    const object = this.#crInformer?.get(namespace, name);
    const startedMs = clock.now();
    if (!object) {
      // Gone: nothing to do, and nothing to retry. Its Events go too (again: a reconcile that was
      // running when the delete arrived may have recorded one after the informer's forget).
      this.queue.forget(key);
      this.#memory.forget(key);
      this.#events.forget(key);
      this.#ruleFindings.delete(key);
      this.#overBudget.delete(key);
      this.queue.done(key, clock.now());
      this.#deps.observer?.reconciled('success', (clock.now() - startedMs) / 1000);
      return undefined;
    }
    const memory = this.#memory.of(key);
    // Our last write of this CR may not have come back through the watch yet: reconcile from its answer.
    const fresh = newerObject(object, memory.written);
    if (!fresh.keepWritten) delete memory.written;
    const cr: CachedCr = { ...fresh.object, apiVersion: fresh.object.apiVersion ?? `${crd.group}/${crd.version}`, kind: fresh.object.kind ?? crd.kind, metadata: fresh.object.metadata };
    const nowMs = clock.now();
    const peers = this.#usesUnique ? { peers: this.#peersOf(cr) } : {};
    const input = {
      crd, cr, observedChildren: this.#children.of(ownerKeyOf(crd, cr.metadata)), nowMs, templateCache: this.#templates, sha256: nativeSha256,
      lastApplied: memory.lastApplied, driftApplied: memory.driftApplied, ...(memory.lastReady ? { lastReady: memory.lastReady } : {}),
      ...peers,
    };
    // Issue 15: a CR breaking the Katalog's validation rules gets Ready=False and no child writes.
    // The check renders mutation templates too, so it runs inside the same budget as planning.
    const plan = (): ReconcilePlan => {
      try {
        const check = planRuleCheck({ crd, cr, nowMs, ...peers });
        if (check.type === 'denied' || check.warnings.length > 0) this.#ruleFindings.set(key, { ...(check.type === 'denied' ? { denied: check.message } : {}), warnings: check.warnings });
        else this.#ruleFindings.delete(key);
        return check.type === 'denied' ? check.plan : planReconcile(input);
      } catch (err) {
        // A throw is a bug in the planner; it must not take the worker down with it.
        return planReconcileFailure({ crd, cr, nowMs }, `internal error: ${err instanceof Error ? err.message : String(err)}`);
      }
    };
    return { key, log, startedMs, cr, plan };
  }

  /**
   * Plans each prepared reconcile (issue 12: planning is synchronous; past the budget it is stopped
   * and the CR fails, no apply). The budget's watchdog costs a thread per call (~0.12 ms of CPU,
   * more on a busy machine: 13% of the runtime's busy time in bench/peers), so ready keys are
   * planned together under one budget, and only when that runs out is each planned again under its
   * own; a key that ran out alone is planned alone from then on, until it fits again (spec/runtime.md §2).
   */
  #planAll(prepared: readonly Prepared[]): ReconcilePlan[] {
    const run = this.#deps.runWithBudget;
    if (!run) return prepared.map((p) => p.plan());
    const together = prepared.filter((p) => !this.#overBudget.has(p.key));
    const plans = new Map<Prepared, ReconcilePlan>();
    if (together.length > 1) {
      const batch = run(() => together.map((p) => p.plan()));
      if (batch.ok) together.forEach((p, i) => plans.set(p, batch.value[i]!));
    }
    return prepared.map((p) => {
      const done = plans.get(p);
      if (done) return done;
      const alone = run(p.plan);
      if (alone.ok) {
        this.#overBudget.delete(p.key);
        return alone.value;
      }
      this.#overBudget.add(p.key);
      return planReconcileFailure({ crd: this.#deps.crd, cr: p.cr, nowMs: this.#deps.clock.now() },
        `reconcile stopped: planning took more than its ${alone.budgetMs} ms CPU budget (RECONCILE_CPU_BUDGET); simplify this resource's templates or conditions, or the values they read`);
    });
  }

  /** Executes a planned reconcile and settles its key: forgotten, re-queued, or backed off. */
  async #finish(p: Prepared, plan: ReconcilePlan): Promise<void> {
    const { crd, clock } = this.#deps;
    const { key, log, cr, startedMs } = p;
    const failure = await this.#execute(plan.effects, cr, log, key);
    let result: ReconcileResult = 'success';
    if (failure !== undefined) {
      await this.#execute(planReconcileFailure({ crd, cr, nowMs: clock.now() }, failure).effects, cr, log, key);
      this.#failed(key, failure, log);
      result = 'error';
    } else if (plan.outcome.type === 'failed') {
      this.#failed(key, plan.outcome.message, log);
      result = 'error';
    } else {
      if (plan.outcome.type === 'requeue') result = 'requeue_after';
      this.queue.forget(key);
      if (plan.outcome.type === 'requeue') this.queue.addAfter(key, clock.now() + plan.outcome.afterMs);
      this.#step({ type: 'reconcile-succeeded' });
      if (plan.effects.length > 0) log.info('reconciled', { effects: plan.effects.map((e) => e.type).join(','), outcome: plan.outcome.type });
      else log.debug('converged', { outcome: plan.outcome.type });
    }
    this.#reconciles++;
    this.queue.done(key, clock.now());
    this.#deps.observer?.reconciled(result, (clock.now() - startedMs) / 1000);
    this.#wake.wake();
  }

  #failed(key: string, message: string, log: Logger): void {
    const retryInMs = this.queue.addRateLimited(key, this.#deps.clock.now());
    this.#step({ type: 'reconcile-failed', message });
    log.warn('reconcile failed', { err: message, retryInMs });
  }

  /** Executes effects in order; returns the failure that stopped them. Events are best effort. */
  async #execute(effects: readonly Effect[], cr: CachedCr, log: Logger, key: string): Promise<string | undefined> {
    const { cluster, entropy, clock, identity } = this.#deps;
    for (const effect of effects) {
      const result = await executeEffect(effect, { cluster, crResource: this.#resource, cr, nowMs: clock.now(), entropy, instance: identity });
      if (result.ok) {
        this.#memory.record(key, effect, result.value);
        if (effect.type === 'event') {
          this.#events.record(queueKeyOf(cr.metadata), { type: effect.eventType, reason: effect.reason, note: effect.note, action: effect.action }, clock.now());
        }
        continue;
      }
      // An Event that cannot be recorded must not fail the reconcile it reports on (client-go drops them too).
      if (effect.type === 'event') {
        log.warn('cannot record event', { err: describeFailure(effect, result.error) });
        continue;
      }
      return describeFailure(effect, result.error);
    }
    return undefined;
  }

  #step(event: HealthEvent): void {
    const before = this.#health.state;
    this.#health = stepHealth(this.#health, event, this.#deps.clock.now(), this.#deps.settings.failureThreshold);
    if (this.#health.state !== before) {
      this.#deps.log.info('health changed', { from: before, to: this.#health.state, err: this.#health.lastError });
    }
  }
}

async function sleep(ms: number, signal: AbortSignal): Promise<void> {
  try {
    await delay(ms, undefined, { signal });
  } catch {
    // Aborted: the caller checks its signal.
  }
}

import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { RUNTIME_LEASE_NAME, type HealthState, type WorkQueueStats } from '@orkestra/lib/runtime';
import type { Metrics } from '@orkestra/lib/ports';
import type { RequestCount } from '@orkestra/adapters/kube';
import { RECONCILE_TIME_BUCKETS, WORKQUEUE_DURATION_BUCKETS } from './buckets.ts';
import { HEALTH_STATES } from './health-states.ts';

/** controller-runtime's `result` label of `controller_runtime_reconcile_total`. */
export type ReconcileResult = 'success' | 'error' | 'requeue' | 'requeue_after';

/** What `orkestra_watch_*` needs from an informer (a subset of InformerStats). */
export interface WatchStats {
  /** Watches started again since the informer began (cumulative). */
  readonly reconnects: number;
  /** Epoch ms of the last watch event or bookmark; undefined before the first one. */
  readonly lastEventMs: number | undefined;
}

/** Options of createRuntimeMetrics; every field is optional. */
export interface RuntimeMetricsOptions {
  /** The Lease behind `leader_election_master_status{name}`; default `orkestra-runtime`. */
  readonly leaseName?: string;
  /** Read at scrape time for `rest_client_requests_total` (e.g. RequestMetrics.counts). */
  readonly requestCounts?: () => readonly RequestCount[];
  /** Called before every scrape, so the caller can push values it only reads on demand (queue stats, watch ages). */
  readonly beforeScrape?: () => void;
  /** Node.js `process_*` and `nodejs_*` metrics; default true. */
  readonly defaultMetrics?: boolean;
}

/** The runtime's Prometheus metrics behind typed methods; callers never touch prom-client. */
export interface RuntimeMetrics extends Metrics {
  /** Publishes a controller's zero series and `controller_runtime_max_concurrent_reconciles`, as controller-runtime does at start. */
  registerController(controller: string, maxConcurrentReconciles: number): void;
  /** Counts one finished reconcile and its duration in seconds. */
  observeReconcile(controller: string, result: ReconcileResult, seconds: number): void;
  /** Sets `controller_runtime_active_workers`: reconciles running now. */
  setActiveWorkers(controller: string, count: number): void;
  /** Publishes a work queue's gauges and advances its counters from the cumulative totals in `stats`. */
  setQueue(controller: string, stats: WorkQueueStats): void;
  /** Observes how long a key waited in the queue before a worker took it, in seconds. */
  observeQueueWait(controller: string, seconds: number): void;
  /** Observes how long a worker held a key, in seconds. */
  observeWork(controller: string, seconds: number): void;
  /** Sets `leader_election_master_status` to 1 while leading, 0 otherwise. */
  setLeader(isLeader: boolean): void;
  /** Sets `orkestra_crd_health{crd,state}` to 1 for `state` and 0 for every other state. */
  setCrdHealth(crd: string, state: HealthState): void;
  /** Advances `orkestra_watch_reconnects_total` and sets `orkestra_last_event_age_seconds` as of `nowMs`. */
  observeWatch(resource: string, stats: WatchStats, nowMs: number): void;
}

/** Creates the runtime's metrics on a private registry (never prom-client's global one). */
export function createRuntimeMetrics(options: RuntimeMetricsOptions = {}): RuntimeMetrics {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const leaseName = options.leaseName ?? RUNTIME_LEASE_NAME;

  const reconcileTotal = new Counter({ name: 'controller_runtime_reconcile_total', help: 'Total number of reconciliations per controller', labelNames: ['controller', 'result'], registers });
  const reconcileErrors = new Counter({ name: 'controller_runtime_reconcile_errors_total', help: 'Total number of reconciliation errors per controller', labelNames: ['controller'], registers });
  const reconcileTime = new Histogram({ name: 'controller_runtime_reconcile_time_seconds', help: 'Length of time per reconciliation per controller', labelNames: ['controller'], buckets: [...RECONCILE_TIME_BUCKETS], registers });
  const activeWorkers = new Gauge({ name: 'controller_runtime_active_workers', help: 'Number of currently used workers per controller', labelNames: ['controller'], registers });
  const maxConcurrent = new Gauge({ name: 'controller_runtime_max_concurrent_reconciles', help: 'Maximum number of concurrent reconciles per controller', labelNames: ['controller'], registers });

  const queueDepth = new Gauge({ name: 'workqueue_depth', help: 'Current depth of workqueue', labelNames: ['name', 'controller', 'priority'], registers });
  const queueAdds = new Counter({ name: 'workqueue_adds_total', help: 'Total number of adds handled by workqueue', labelNames: ['name', 'controller'], registers });
  const queueWait = new Histogram({ name: 'workqueue_queue_duration_seconds', help: 'How long in seconds an item stays in workqueue before being requested', labelNames: ['name', 'controller'], buckets: [...WORKQUEUE_DURATION_BUCKETS], registers });
  const queueWork = new Histogram({ name: 'workqueue_work_duration_seconds', help: 'How long in seconds processing an item from workqueue takes', labelNames: ['name', 'controller'], buckets: [...WORKQUEUE_DURATION_BUCKETS], registers });
  const queueRetries = new Counter({ name: 'workqueue_retries_total', help: 'Total number of retries handled by workqueue', labelNames: ['name', 'controller'], registers });
  const unfinishedWork = new Gauge({ name: 'workqueue_unfinished_work_seconds', help: 'How many seconds of work has been done that is in progress and hasn\'t been observed by work_duration', labelNames: ['name', 'controller'], registers });
  const longestRunning = new Gauge({ name: 'workqueue_longest_running_processor_seconds', help: 'How many seconds has the longest running processor for workqueue been running', labelNames: ['name', 'controller'], registers });

  const leaderStatus = new Gauge({ name: 'leader_election_master_status', help: 'Gauge of if the reporting system is master of the relevant lease, 0 indicates backup, 1 indicates master', labelNames: ['name'], registers });

  const requestCounts = options.requestCounts;
  const restRequests = new Counter({
    name: 'rest_client_requests_total',
    help: 'Number of HTTP requests, partitioned by status code, method, and host',
    labelNames: ['code', 'method', 'host'],
    registers,
    // The kube adapter keeps the counts; reading them at scrape time avoids double bookkeeping.
    collect() {
      if (!requestCounts) return;
      restRequests.reset();
      for (const c of requestCounts()) restRequests.inc({ code: c.code, method: c.method, host: c.host }, c.count);
    },
  });

  const crdHealth = new Gauge({ name: 'orkestra_crd_health', help: 'CRD controller health: 1 for the current state, 0 for the others', labelNames: ['crd', 'state'], registers });
  const watchReconnects = new Counter({ name: 'orkestra_watch_reconnects_total', help: 'Watches of a resource that ended and were started again', labelNames: ['resource'], registers });
  const lastEventAge = new Gauge({ name: 'orkestra_last_event_age_seconds', help: 'Seconds since the last watch event or bookmark of a resource', labelNames: ['resource'], registers });

  // Sources report cumulative totals; remember the last one seen so counters only ever move up.
  const seen = new Map<string, number>();
  const advance = (metric: string, counter: Counter<string>, labels: Record<string, string>, total: number): void => {
    const key = `${metric}\u0000${Object.values(labels).join('\u0000')}`;
    const last = seen.get(key) ?? 0;
    // A smaller total means the source was recreated (new queue or informer) and counts from 0 again.
    const delta = total >= last ? total - last : total;
    seen.set(key, total);
    counter.inc(labels, delta);
  };
  const queueLabels = (controller: string) => ({ name: controller, controller });

  leaderStatus.set({ name: leaseName }, 0);

  return {
    contentType: registry.contentType,
    async metrics() {
      options.beforeScrape?.();
      return registry.metrics();
    },
    registerController(controller, maxConcurrentReconciles) {
      for (const result of ['success', 'error', 'requeue', 'requeue_after'] as const) reconcileTotal.inc({ controller, result }, 0);
      reconcileErrors.inc({ controller }, 0);
      maxConcurrent.set({ controller }, maxConcurrentReconciles);
      activeWorkers.set({ controller }, 0);
      queueDepth.set({ ...queueLabels(controller), priority: '' }, 0);
      queueAdds.inc(queueLabels(controller), 0);
      queueRetries.inc(queueLabels(controller), 0);
    },
    observeReconcile(controller, result, seconds) {
      reconcileTotal.inc({ controller, result });
      if (result === 'error') reconcileErrors.inc({ controller });
      reconcileTime.observe({ controller }, seconds);
    },
    setActiveWorkers(controller, count) {
      activeWorkers.set({ controller }, count);
    },
    setQueue(controller, stats) {
      const labels = queueLabels(controller);
      // controller-runtime leaves priority empty unless the priority queue is on; we have none.
      queueDepth.set({ ...labels, priority: '' }, stats.depth);
      advance('adds', queueAdds, labels, stats.addsTotal);
      advance('retries', queueRetries, labels, stats.retriesTotal);
      unfinishedWork.set(labels, stats.unfinishedWorkMs / 1000);
      longestRunning.set(labels, stats.longestRunningMs / 1000);
    },
    observeQueueWait(controller, seconds) {
      queueWait.observe(queueLabels(controller), seconds);
    },
    observeWork(controller, seconds) {
      queueWork.observe(queueLabels(controller), seconds);
    },
    setLeader(isLeader) {
      leaderStatus.set({ name: leaseName }, isLeader ? 1 : 0);
    },
    setCrdHealth(crd, state) {
      for (const s of HEALTH_STATES) crdHealth.set({ crd, state: s }, s === state ? 1 : 0);
    },
    observeWatch(resource, stats, nowMs) {
      advance('reconnects', watchReconnects, { resource }, stats.reconnects);
      if (stats.lastEventMs === undefined) lastEventAge.remove({ resource });
      else lastEventAge.set({ resource }, Math.max(0, nowMs - stats.lastEventMs) / 1000);
    },
  };
}

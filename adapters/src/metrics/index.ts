// @orkestra/adapters/metrics: the runtime's Prometheus metrics, named as controller-runtime names them.
export { createRuntimeMetrics, type ReconcileResult, type RuntimeMetrics, type RuntimeMetricsOptions, type WatchStats } from './runtime-metrics.ts';
export { RECONCILE_TIME_BUCKETS, WORKQUEUE_DURATION_BUCKETS } from './buckets.ts';
export { HEALTH_STATES } from './health-states.ts';

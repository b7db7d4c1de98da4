// The runtime's Prometheus metrics, named as controller-runtime names them (the gateway's and Control Center's sets are in their apps).
export { createRuntimeMetrics, type ReconcileResult, type RuntimeMetrics, type RuntimeMetricsOptions, type WatchStats } from './runtime-metrics.ts';
export { RECONCILE_TIME_BUCKETS, WORKQUEUE_DURATION_BUCKETS } from './buckets.ts';
export { HEALTH_STATES } from './health-states.ts';

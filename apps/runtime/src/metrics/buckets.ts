// Copied from controller-runtime so stock dashboards and their histogram_quantile queries match.

/** `controller_runtime_reconcile_time_seconds` buckets (controller-runtime pkg/internal/controller/metrics), in seconds. */
export const RECONCILE_TIME_BUCKETS: readonly number[] = [
  0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0,
  1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5, 6, 7, 8, 9, 10, 15, 20, 25, 30, 40, 50, 60,
];

/**
 * `workqueue_*_duration_seconds` buckets: client-go's ExponentialBuckets(10e-9, 10, 12), 10 ns to
 * 1000 s. Written out because repeated float multiplication would print labels like 1.0000000000000002e-7.
 */
export const WORKQUEUE_DURATION_BUCKETS: readonly number[] = [
  1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1, 10, 100, 1000,
];

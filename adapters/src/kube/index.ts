// @orkestra/adapters/kube: the Cluster port over a real API server, and the informer loop.
export { kubeCluster, type KubeCluster } from './kube-cluster.ts';
export { loadKubeConfig } from './load-kube-config.ts';
export { requestMetrics, type RequestCount, type RequestMetrics } from './request-metrics.ts';
export { createInformer, type Informer, type InformerEvent, type InformerHealth, type InformerOptions, type InformerStats, type Sleep } from './informer.ts';
export { createBackoff, DEFAULT_BACKOFF, type Backoff, type BackoffPolicy } from './backoff.ts';

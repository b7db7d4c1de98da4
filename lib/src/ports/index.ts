// @orkestra/lib/ports: the interfaces the apps wire adapters into (cluster, clock, entropy, logger,
// metrics); one fake each in @orkestra/lib/testing.
export type { AbortSignalLike } from './abort-signal.ts';
export type { Clock } from './clock.ts';
export type { Entropy } from './entropy.ts';
export type { LogFields, Logger } from './logger.ts';
export type { Metrics } from './metrics.ts';
export type { ObjectRef, Resource } from './resource.ts';
export { apiVersionOf } from './resource.ts';
export type { KubeObject, ObjectMeta, OwnerReference } from './kube-object.ts';
export type { ClusterError, ClusterErrorType, ClusterResult } from './cluster-error.ts';
export { errorTypeForStatus, fail, ok } from './cluster-error.ts';
export type {
  ApplyOptions, Cluster, DeleteOptions, ListOptions, ListPage, MetadataPatch, WatchEnd, WatchEvent, WatchOptions,
} from './cluster.ts';
export type { FetchedManifest, ManifestHead, RegistryClient, RegistryError, RegistryResult } from './registry-client.ts';

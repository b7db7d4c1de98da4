// The order children are applied in. The Katalog parser groups items by kind list, and a failed
// apply stops the rest of a reconcile, so without an order a ConfigMap placed in a Namespace the
// same CR creates would be applied first, 404, and stop the Namespace from ever being applied.
// Kinds others depend on come first, the order Helm installs a chart in: namespaces, then
// policies, identities, configuration and storage, RBAC, then Services and workloads.
const KIND_ORDER = [
  'Namespace', 'NetworkPolicy', 'ResourceQuota', 'LimitRange', 'PodDisruptionBudget', 'ServiceAccount', 'Secret',
  'ConfigMap', 'StorageClass', 'PersistentVolume', 'PersistentVolumeClaim', 'CustomResourceDefinition',
  'ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding', 'Service', 'DaemonSet', 'Pod', 'ReplicaSet',
  'Deployment', 'HorizontalPodAutoscaler', 'StatefulSet', 'Job', 'CronJob', 'IngressClass', 'Ingress',
] as const;

const RANK = new Map<string, number>(KIND_ORDER.map((kind, i) => [kind, i]));

/** Where a kind goes in the apply order; kinds not listed (custom resources) go last. */
export function applyRank(kind: string): number {
  return RANK.get(kind) ?? KIND_ORDER.length;
}

/** Sorts children into apply order, keeping the Katalog's order within a kind (a stable sort). */
export function inApplyOrder<T extends { readonly object: { readonly kind: string } }>(children: readonly T[]): T[] {
  return [...children].sort((a, b) => applyRank(a.object.kind) - applyRank(b.object.kind));
}

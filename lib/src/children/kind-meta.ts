/** The kind-list keys an `onCreate` / `onReconcile` block may hold, in documentation order. */
export const CHILD_KIND_KEYS = [
  'deployments', 'statefulSets', 'services', 'configMaps', 'secrets', 'serviceAccounts',
  'jobs', 'cronJobs', 'ingresses', 'persistentVolumeClaims', 'hpa', 'pdb', 'networkPolicies',
  'roles', 'roleBindings', 'namespaces', 'clusterRoles', 'clusterRoleBindings',
  // Issue 14: the rest of the reference's kinds (§1.9).
  'pods', 'replicaSets', 'persistentVolumes', 'limitRanges', 'resourceQuotas', 'custom',
] as const;

/** A kind-list key such as `deployments` or `custom`. */
export type ChildKindKey = (typeof CHILD_KIND_KEYS)[number];

/** A kind-list key whose Kubernetes type is fixed (everything but `custom`). */
export type BuiltinKindKey = Exclude<ChildKindKey, 'custom'>;

/** What the runtime and the RBAC planner need to know about a built-in child type. */
export interface BuiltinKindMeta {
  readonly apiVersion: string;
  readonly kind: string;
  /** API group; `''` is the core group. */
  readonly group: string;
  /** Lowercase plural resource name, as used in RBAC rules and URLs. */
  readonly resource: string;
  readonly namespaced: boolean;
  /** Appended to the CR name to form the default child name; `''` means the CR name itself. */
  readonly nameSuffix: string;
}

const RBAC = 'rbac.authorization.k8s.io';

/** Static facts about every built-in child kind. */
export const BUILTIN_KIND_META: { readonly [K in BuiltinKindKey]: BuiltinKindMeta } = {
  deployments: meta('apps', 'v1', 'Deployment', 'deployments', true, 'deployment'),
  statefulSets: meta('apps', 'v1', 'StatefulSet', 'statefulsets', true, 'statefulset'),
  services: meta('', 'v1', 'Service', 'services', true, 'svc'),
  configMaps: meta('', 'v1', 'ConfigMap', 'configmaps', true, 'config'),
  secrets: meta('', 'v1', 'Secret', 'secrets', true, 'secret'),
  serviceAccounts: meta('', 'v1', 'ServiceAccount', 'serviceaccounts', true, 'sa'),
  jobs: meta('batch', 'v1', 'Job', 'jobs', true, 'job'),
  cronJobs: meta('batch', 'v1', 'CronJob', 'cronjobs', true, 'cronjob'),
  ingresses: meta('networking.k8s.io', 'v1', 'Ingress', 'ingresses', true, 'ingress'),
  persistentVolumeClaims: meta('', 'v1', 'PersistentVolumeClaim', 'persistentvolumeclaims', true, 'pvc'),
  hpa: meta('autoscaling', 'v2', 'HorizontalPodAutoscaler', 'horizontalpodautoscalers', true, 'hpa'),
  pdb: meta('policy', 'v1', 'PodDisruptionBudget', 'poddisruptionbudgets', true, 'pdb'),
  networkPolicies: meta('networking.k8s.io', 'v1', 'NetworkPolicy', 'networkpolicies', true, 'netpol'),
  roles: meta(RBAC, 'v1', 'Role', 'roles', true, 'role'),
  roleBindings: meta(RBAC, 'v1', 'RoleBinding', 'rolebindings', true, 'rolebinding'),
  namespaces: meta('', 'v1', 'Namespace', 'namespaces', false, ''),
  clusterRoles: meta(RBAC, 'v1', 'ClusterRole', 'clusterroles', false, 'clusterrole'),
  clusterRoleBindings: meta(RBAC, 'v1', 'ClusterRoleBinding', 'clusterrolebindings', false, 'clusterrolebinding'),
  pods: meta('', 'v1', 'Pod', 'pods', true, 'pod'),
  replicaSets: meta('apps', 'v1', 'ReplicaSet', 'replicasets', true, 'replicaset'),
  persistentVolumes: meta('', 'v1', 'PersistentVolume', 'persistentvolumes', false, 'pv'),
  limitRanges: meta('', 'v1', 'LimitRange', 'limitranges', true, 'limitrange'),
  resourceQuotas: meta('', 'v1', 'ResourceQuota', 'resourcequotas', true, 'quota'),
};

function meta(group: string, version: string, kind: string, resource: string,
              namespaced: boolean, nameSuffix: string): BuiltinKindMeta {
  return { apiVersion: group ? `${group}/${version}` : version, kind, group, resource, namespaced, nameSuffix };
}

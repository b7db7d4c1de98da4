import type * as v from 'valibot';
import { buildClusterRoleBinding, clusterRoleBindingItemSchema } from './build-cluster-role-binding.ts';
import { buildClusterRole, clusterRoleItemSchema } from './build-cluster-role.ts';
import { buildConfigMap, configMapItemSchema } from './build-config-map.ts';
import { buildCronJob, cronJobItemSchema } from './build-cron-job.ts';
import { buildCustom, customItemSchema } from './build-custom.ts';
import { buildDeployment, deploymentItemSchema } from './build-deployment.ts';
import { buildHpa, hpaItemSchema } from './build-hpa.ts';
import { buildIngress, ingressItemSchema } from './build-ingress.ts';
import { buildJob, jobItemSchema } from './build-job.ts';
import { buildNamespace, namespaceItemSchema } from './build-namespace.ts';
import { buildNetworkPolicy, networkPolicyItemSchema } from './build-network-policy.ts';
import { buildPdb, pdbItemSchema } from './build-pdb.ts';
import { buildPersistentVolumeClaim, persistentVolumeClaimItemSchema } from './build-persistent-volume-claim.ts';
import { buildRoleBinding, roleBindingItemSchema } from './build-role-binding.ts';
import { buildRole, roleItemSchema } from './build-role.ts';
import { buildSecret, secretItemSchema } from './build-secret.ts';
import { buildServiceAccount, serviceAccountItemSchema } from './build-service-account.ts';
import { buildService, serviceItemSchema } from './build-service.ts';
import { buildStatefulSet, statefulSetItemSchema } from './build-stateful-set.ts';
import { customTarget } from './custom-target.ts';
import { buildLimitRange, limitRangeItemSchema } from './build-limit-range.ts';
import { buildPersistentVolume, persistentVolumeItemSchema } from './build-persistent-volume.ts';
import { buildPod, podItemSchema } from './build-pod.ts';
import { buildReplicaSet, replicaSetItemSchema } from './build-replica-set.ts';
import { buildResourceQuota, resourceQuotaItemSchema } from './build-resource-quota.ts';
import { BUILTIN_KIND_META, type BuiltinKindKey, type BuiltinKindMeta, type ChildKindKey } from './kind-meta.ts';
import type { BuildContext, KubeObject, RenderedItem } from './kube-object.ts';

/** Turns a rendered item into an object; throws BuildError on a bad value (use `buildChild`). */
export type ChildBuilder = (item: RenderedItem, ctx: BuildContext) => KubeObject;

/** A built-in kind: its Kubernetes type is fixed, so RBAC reads `group`/`resource` from here. */
export interface BuiltinKindInfo extends BuiltinKindMeta {
  readonly type: 'builtin';
  readonly key: BuiltinKindKey;
  readonly itemSchema: v.GenericSchema;
  readonly build: ChildBuilder;
}

/** The `custom` kind: its Kubernetes type is per item, computed by `target` (customTarget). */
export interface CustomKindInfo {
  readonly type: 'custom';
  readonly key: 'custom';
  readonly itemSchema: v.GenericSchema;
  readonly build: ChildBuilder;
  readonly target: typeof customTarget;
}

/** Everything known about one kind-list key. */
export type ChildKindInfo = BuiltinKindInfo | CustomKindInfo;

function builtin(key: BuiltinKindKey, itemSchema: v.GenericSchema, build: ChildBuilder): BuiltinKindInfo {
  return { type: 'builtin', key, ...BUILTIN_KIND_META[key], itemSchema, build };
}

/** Every child kind by its kind-list key: Kubernetes type, item schema and builder. */
export const CHILD_KINDS: { readonly [K in ChildKindKey]: K extends 'custom' ? CustomKindInfo : BuiltinKindInfo } = {
  deployments: builtin('deployments', deploymentItemSchema, buildDeployment),
  statefulSets: builtin('statefulSets', statefulSetItemSchema, buildStatefulSet),
  services: builtin('services', serviceItemSchema, buildService),
  configMaps: builtin('configMaps', configMapItemSchema, buildConfigMap),
  secrets: builtin('secrets', secretItemSchema, buildSecret),
  serviceAccounts: builtin('serviceAccounts', serviceAccountItemSchema, buildServiceAccount),
  jobs: builtin('jobs', jobItemSchema, buildJob),
  cronJobs: builtin('cronJobs', cronJobItemSchema, buildCronJob),
  ingresses: builtin('ingresses', ingressItemSchema, buildIngress),
  persistentVolumeClaims: builtin('persistentVolumeClaims', persistentVolumeClaimItemSchema, buildPersistentVolumeClaim),
  hpa: builtin('hpa', hpaItemSchema, buildHpa),
  pdb: builtin('pdb', pdbItemSchema, buildPdb),
  networkPolicies: builtin('networkPolicies', networkPolicyItemSchema, buildNetworkPolicy),
  roles: builtin('roles', roleItemSchema, buildRole),
  roleBindings: builtin('roleBindings', roleBindingItemSchema, buildRoleBinding),
  namespaces: builtin('namespaces', namespaceItemSchema, buildNamespace),
  clusterRoles: builtin('clusterRoles', clusterRoleItemSchema, buildClusterRole),
  clusterRoleBindings: builtin('clusterRoleBindings', clusterRoleBindingItemSchema, buildClusterRoleBinding),
  pods: builtin('pods', podItemSchema, buildPod),
  replicaSets: builtin('replicaSets', replicaSetItemSchema, buildReplicaSet),
  persistentVolumes: builtin('persistentVolumes', persistentVolumeItemSchema, buildPersistentVolume),
  limitRanges: builtin('limitRanges', limitRangeItemSchema, buildLimitRange),
  resourceQuotas: builtin('resourceQuotas', resourceQuotaItemSchema, buildResourceQuota),
  custom: { type: 'custom', key: 'custom', itemSchema: customItemSchema, build: buildCustom, target: customTarget },
};

import * as v from 'valibot';
import { conditionListSchema } from '../conditions/condition-schema.ts';
import { clusterRoleBindingItemSchema } from './build-cluster-role-binding.ts';
import { clusterRoleItemSchema } from './build-cluster-role.ts';
import { configMapItemSchema } from './build-config-map.ts';
import { cronJobItemSchema } from './build-cron-job.ts';
import { customItemSchema } from './build-custom.ts';
import { deploymentItemSchema } from './build-deployment.ts';
import { hpaItemSchema } from './build-hpa.ts';
import { ingressItemSchema } from './build-ingress.ts';
import { jobItemSchema } from './build-job.ts';
import { namespaceItemSchema } from './build-namespace.ts';
import { networkPolicyItemSchema } from './build-network-policy.ts';
import { pdbItemSchema } from './build-pdb.ts';
import { persistentVolumeClaimItemSchema } from './build-persistent-volume-claim.ts';
import { roleBindingItemSchema } from './build-role-binding.ts';
import { roleItemSchema } from './build-role.ts';
import { secretItemSchema } from './build-secret.ts';
import { serviceAccountItemSchema } from './build-service-account.ts';
import { serviceItemSchema } from './build-service.ts';
import { statefulSetItemSchema } from './build-stateful-set.ts';
import { limitRangeItemSchema } from './build-limit-range.ts';
import { persistentVolumeItemSchema } from './build-persistent-volume.ts';
import { podItemSchema } from './build-pod.ts';
import { replicaSetItemSchema } from './build-replica-set.ts';
import { resourceQuotaItemSchema } from './build-resource-quota.ts';

// Spelled out, not generated from CHILD_KINDS, so the inferred type keeps each item's shape.
const list = <T extends v.GenericSchema>(item: T) => v.optional(v.array(item));

/** An `onCreate` / `onReconcile` block: every kind-list key optional, unknown keys rejected. */
export const operatorBoxListSchema = v.strictObject({
  // Issue 14: block-level conditions gate every item of the block.
  when: v.optional(conditionListSchema),
  or: v.optional(conditionListSchema),
  deployments: list(deploymentItemSchema),
  statefulSets: list(statefulSetItemSchema),
  services: list(serviceItemSchema),
  configMaps: list(configMapItemSchema),
  secrets: list(secretItemSchema),
  serviceAccounts: list(serviceAccountItemSchema),
  jobs: list(jobItemSchema),
  cronJobs: list(cronJobItemSchema),
  ingresses: list(ingressItemSchema),
  persistentVolumeClaims: list(persistentVolumeClaimItemSchema),
  hpa: list(hpaItemSchema),
  pdb: list(pdbItemSchema),
  networkPolicies: list(networkPolicyItemSchema),
  roles: list(roleItemSchema),
  roleBindings: list(roleBindingItemSchema),
  namespaces: list(namespaceItemSchema),
  clusterRoles: list(clusterRoleItemSchema),
  clusterRoleBindings: list(clusterRoleBindingItemSchema),
  pods: list(podItemSchema),
  replicaSets: list(replicaSetItemSchema),
  persistentVolumes: list(persistentVolumeItemSchema),
  limitRanges: list(limitRangeItemSchema),
  resourceQuotas: list(resourceQuotaItemSchema),
  custom: list(customItemSchema),
});

/** An `onCreate` / `onReconcile` block as written in the Katalog. */
export type OperatorBoxList = v.InferOutput<typeof operatorBoxListSchema>;

// Validates every built object against the official Kubernetes OpenAPI schemas, as compiled
// by kubernetes-models (a root devDependency). It checks types, required fields and enums but
// not unknown fields, so the per-kind tests also pin exact objects.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Deployment, ReplicaSet, StatefulSet } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { CronJob, Job } from 'kubernetes-models/batch/v1';
import { Ingress, NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ClusterRole, ClusterRoleBinding, Role, RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1';
import { ConfigMap, LimitRange, Namespace, PersistentVolume, PersistentVolumeClaim, Pod, ResourceQuota, Secret, Service, ServiceAccount } from 'kubernetes-models/v1';
import { buildChild } from './build-child.ts';
import { CASES, CLUSTER_CTX, CTX } from './child-cases.test.fixture.ts';
import { CHILD_KIND_KEYS } from './kind-meta.ts';
import type { BuildContext, KubeObject } from './kube-object.ts';

type Model = new (data: never) => { validate(): void };

const MODELS: Record<string, Model> = {
  'apps/v1/Deployment': Deployment,
  'apps/v1/StatefulSet': StatefulSet,
  'apps/v1/ReplicaSet': ReplicaSet,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'batch/v1/CronJob': CronJob,
  'batch/v1/Job': Job,
  'networking.k8s.io/v1/Ingress': Ingress,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'rbac.authorization.k8s.io/v1/ClusterRole': ClusterRole,
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': ClusterRoleBinding,
  'rbac.authorization.k8s.io/v1/Role': Role,
  'rbac.authorization.k8s.io/v1/RoleBinding': RoleBinding,
  'v1/ConfigMap': ConfigMap,
  'v1/Namespace': Namespace,
  'v1/PersistentVolumeClaim': PersistentVolumeClaim,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'v1/ServiceAccount': ServiceAccount,
  'v1/Pod': Pod,
  'v1/PersistentVolume': PersistentVolume,
  'v1/LimitRange': LimitRange,
  'v1/ResourceQuota': ResourceQuota,
};

const test = suite('built objects against the Kubernetes schemas');

function validate(object: KubeObject): void {
  const Model = MODELS[`${object.apiVersion}/${object.kind}`];
  if (!Model) throw new Error(`no model for ${object.apiVersion} ${object.kind}`);
  new Model(object as never).validate();
}

function build(key: (typeof CHILD_KIND_KEYS)[number], item: unknown, ctx: BuildContext): KubeObject {
  const r = buildChild(key, item, ctx);
  if (!r.ok) throw new Error(r.error);
  return r.object;
}

for (const key of CHILD_KIND_KEYS) {
  const c = CASES[key];
  for (const [variant, item] of [['minimal', c.minimal], ['full', c.full], ['coerced', c.coerce?.item]] as const) {
    if (item === undefined) continue;
    test(`${key} (${variant}) is a valid ${key} object`, () => {
      validate(build(key, item, CTX));
    });
  }
}

test('the validator does reject an invalid object', () => {
  const o = build('deployments', CASES.deployments.minimal, CTX);
  const broken = { ...o, spec: { ...(o['spec'] as object), replicas: '3' } };
  assert.throws(() => validate(broken));
});

test('children of a cluster-scoped CR are valid when given a namespace', () => {
  validate(build('namespaces', {}, CLUSTER_CTX));
  validate(build('clusterRoles', CASES.clusterRoles.minimal, CLUSTER_CTX));
  validate(build('clusterRoleBindings', { subjects: [{ name: 'app', namespace: 'acme' }] }, CLUSTER_CTX));
  validate(build('deployments', { image: 'nginx', namespace: 'acme' }, CLUSTER_CTX));
});

test.run();

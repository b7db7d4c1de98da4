import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { buildChild } from './build-child.ts';
import { CLUSTER_CTX, CTX, at, fails, managed } from './child-cases.test.fixture.ts';
import type { ChildKindKey } from './kind-meta.ts';
import type { BuildContext, KubeObject } from './kube-object.ts';

const test = suite('roles, bindings and namespaces');

function ok(key: ChildKindKey, item: unknown, ctx: BuildContext = CTX): KubeObject {
  const r = buildChild(key, item, ctx);
  if (!r.ok) throw new Error(r.error);
  return r.object;
}
const RBAC = 'rbac.authorization.k8s.io';

test('a minimal role is exactly this object, apiGroups defaulting to core', () => {
  assert.equal(ok('roles', { rules: [{ resources: ['pods'], verbs: ['get', 'list'] }] }), {
    apiVersion: `${RBAC}/v1`,
    kind: 'Role',
    metadata: { name: 'shop-role', namespace: 'team-a', labels: managed },
    rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }],
  });
});

test('role rules are checked', () => {
  fails(buildChild('roles', { rules: [] }, CTX), 'rules', 'at least one rule');
  fails(buildChild('roles', { rules: [{ verbs: ['get'] }] }, CTX), 'rules[0].resources', 'are required');
  fails(buildChild('roles', { rules: [{ nonResourceURLs: ['/healthz'], verbs: ['get'] }] }, CTX), 'rules[0].nonResourceURLs', 'only in ClusterRoles');
});

test('a minimal roleBinding binds the CR role to a ServiceAccount in its namespace', () => {
  assert.equal(ok('roleBindings', { subjects: [{ name: 'app' }] }), {
    apiVersion: `${RBAC}/v1`,
    kind: 'RoleBinding',
    metadata: { name: 'shop-rolebinding', namespace: 'team-a', labels: managed },
    roleRef: { apiGroup: RBAC, kind: 'Role', name: 'shop-role' },
    subjects: [{ kind: 'ServiceAccount', name: 'app', namespace: 'team-a' }],
  });
});

test('binding defaults: ClusterRole ref name, ServiceAccount name, User/Group apiGroup', () => {
  const o = ok('roleBindings', { roleRef: { kind: 'ClusterRole' }, subjects: [{}, { kind: 'Group', name: 'devs' }] });
  assert.equal(at(o, 'roleRef'), { apiGroup: RBAC, kind: 'ClusterRole', name: 'team-a-shop-clusterrole' });
  assert.equal(at(o, 'subjects'), [
    { kind: 'ServiceAccount', name: 'shop-sa', namespace: 'team-a' },
    { apiGroup: RBAC, kind: 'Group', name: 'devs' },
  ]);
  fails(buildChild('roleBindings', { subjects: [{ kind: 'User', name: 'a', namespace: 'x' }] }, CTX), 'subjects[0].namespace', 'only for ServiceAccount');
  fails(buildChild('roleBindings', { subjects: [] }, CTX), 'subjects', 'at least one subject');
});

test('cluster-scoped children of a namespaced CR are prefixed with its namespace', () => {
  assert.is(ok('clusterRoles', { rules: [{ resources: ['nodes'], verbs: ['get'] }] }).metadata.name, 'team-a-shop-clusterrole');
  assert.equal(ok('clusterRoleBindings', { subjects: [{ name: 'app' }] }), {
    apiVersion: `${RBAC}/v1`,
    kind: 'ClusterRoleBinding',
    metadata: { name: 'team-a-shop-clusterrolebinding', labels: managed },
    roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: 'team-a-shop-clusterrole' },
    subjects: [{ kind: 'ServiceAccount', name: 'app', namespace: 'team-a' }],
  });
});

test('a cluster-scoped CR: no prefix, and ServiceAccount subjects need a namespace', () => {
  const acme = { 'app.kubernetes.io/managed-by': 'orkestra', 'orkestra.orkspace.io/owner': 'acme' };
  assert.equal(ok('namespaces', {}, CLUSTER_CTX), { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'acme', labels: acme } });
  assert.is(ok('clusterRoles', { rules: [{ resources: ['nodes'], verbs: ['get'] }] }, CLUSTER_CTX).metadata.name, 'acme-clusterrole');
  fails(buildChild('clusterRoleBindings', { subjects: [{ name: 'app' }] }, CLUSTER_CTX), 'subjects[0].namespace', 'is required');
  fails(buildChild('roles', { rules: [{ resources: ['pods'], verbs: ['get'] }] }, CLUSTER_CTX), 'namespace', 'cluster-scoped');
  assert.is(ok('roles', { namespace: 'acme', rules: [{ resources: ['pods'], verbs: ['get'] }] }, CLUSTER_CTX).metadata.namespace, 'acme');
});

test('a namespaces child of a namespaced CR is named after the CR only', () => {
  assert.is(ok('namespaces', {}).metadata.name, 'shop');
  assert.is('namespace' in ok('namespaces', {}).metadata, false);
});

test('clusterRoles may use nonResourceURLs; ClusterRoleBindings only refer to ClusterRoles', () => {
  assert.equal(at(ok('clusterRoles', { rules: [{ nonResourceURLs: ['/metrics'], verbs: ['get'] }] }), 'rules'), [{ verbs: ['get'], nonResourceURLs: ['/metrics'] }]);
  fails(buildChild('clusterRoleBindings', { roleRef: { kind: 'Role' }, subjects: [{ name: 'a' }] }, CTX), 'roleRef.kind', 'only refer to a ClusterRole');
});

test.run();

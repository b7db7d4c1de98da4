import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { ClusterRole, ClusterRoleBinding, Role, RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1';
import { ConfigMap, Namespace, ServiceAccount } from 'kubernetes-models/v1';
import type { KubeObject } from '../children/kube-object.ts';
import { exampleKatalog, katalogFrom, oneCrd } from '../rbac/katalog.test.fixture.ts';
import { renderYamlDocuments } from '../render/render-yaml.ts';
import { planBundle } from './plan-bundle.ts';
import { planKatalogConfigMap } from './plan-katalog-config-map.ts';
import { planRbacObjects, rbacObjects } from './plan-rbac-objects.ts';
import { planRbac } from '../rbac/plan-rbac.ts';

const test = suite('plan-bundle');

type Model = new (data: never) => { validate(): void };
const MODELS: Record<string, Model> = {
  'v1/Namespace': Namespace,
  'v1/ServiceAccount': ServiceAccount,
  'v1/ConfigMap': ConfigMap,
  'rbac.authorization.k8s.io/v1/ClusterRole': ClusterRole,
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': ClusterRoleBinding,
  'rbac.authorization.k8s.io/v1/Role': Role,
  'rbac.authorization.k8s.io/v1/RoleBinding': RoleBinding,
};

const ids = (objects: readonly KubeObject[]): string[] =>
  objects.map((o) => `${o.kind} ${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name}`);

const rbacCrd = () => oneCrd(`operatorBox:
  onCreate:
    roles: [{rules: [{apiGroups: [""], resources: [pods], verbs: [get]}]}]
    roleBindings: [{roleRef: {kind: ClusterRole, name: view}, subjects: [{name: sa}]}]
    custom: [{apiVersion: cert-manager.io/v1, kind: Certificate, plural: certificates, spec: {secretName: x}}]
`);
const namespacedCrd = () => oneCrd('namespace: team-a\noperatorBox:\n  onCreate:\n    deployments: [{image: nginx}]\n', 'security: {deletionProtection: {}}');

test('the seed Website bundle: objects in apply order, no gateway', () => {
  const { objects, diagnostics } = planBundle(exampleKatalog('website'));
  assert.equal(ids(objects), [
    'Namespace orkestra-system',
    'ServiceAccount orkestra-system/orkestra',
    'ServiceAccount orkestra-system/orkestra-cc',
    'ClusterRole orkestra-runtime',
    'ClusterRoleBinding orkestra-runtime',
    'ClusterRole orkestra-cc',
    'ClusterRoleBinding orkestra-cc',
    'Role orkestra-system/orkestra-runtime-leader-election',
    'RoleBinding orkestra-system/orkestra-runtime-leader-election',
    'ConfigMap orkestra-system/orkestra-katalog',
  ]);
  assert.equal(diagnostics, []);
  const binding = objects[4]!;
  assert.equal(binding['roleRef'], { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'orkestra-runtime' });
  assert.equal(binding['subjects'], [{ kind: 'ServiceAccount', name: 'orkestra', namespace: 'orkestra-system' }]);
  // Issue 12: the Control Center shows the runtime its ServiceAccount token, so its pods get one.
  assert.is(objects[2]!['automountServiceAccountToken'], undefined);
  assert.equal(objects[6]!['subjects'], [{ kind: 'ServiceAccount', name: 'orkestra-cc', namespace: 'orkestra-system' }]);
});

test('--for gateway on the standalone gateway Katalog yields only what the gateway needs', () => {
  const { objects, diagnostics } = planBundle(exampleKatalog('gateway'), { components: ['gateway'] });
  assert.equal(ids(objects), [
    'Namespace orkestra-system',
    'ServiceAccount orkestra-system/orkestra-gateway',
    'ClusterRole orkestra-gateway',
    'ClusterRoleBinding orkestra-gateway',
    'Role orkestra-system/orkestra-gateway-tls',
    'RoleBinding orkestra-system/orkestra-gateway-tls',
    'ConfigMap orkestra-system/orkestra-katalog',
  ]);
  assert.equal(diagnostics, []);
  assert.equal(objects[5]!['subjects'], [{ kind: 'ServiceAccount', name: 'orkestra-gateway', namespace: 'orkestra-system' }]);
});

test('without --for, a standalone gateway Katalog leaves the runtime out', () => {
  assert.equal(ids(planBundle(exampleKatalog('gateway')).objects).filter((i) => i.startsWith('ServiceAccount')),
    ['ServiceAccount orkestra-system/orkestra-gateway', 'ServiceAccount orkestra-system/orkestra-cc']);
});

test('gateway requested for a Katalog without gateway: or security: gives ORK2004 and no gateway objects', () => {
  const { objects, diagnostics } = planBundle(exampleKatalog('website'), { components: ['runtime', 'gateway'] });
  assert.equal(diagnostics.map((d) => [d.code, d.severity]), [['ORK2004', 'warning']]);
  assert.not.ok(ids(objects).some((i) => i.includes('gateway')));
  assert.ok(ids(objects).includes('ServiceAccount orkestra-system/orkestra'));
  assert.not.ok(ids(objects).includes('ServiceAccount orkestra-system/orkestra-cc'), 'cc was not requested');
});

test('--for cc alone: Namespace and its ServiceAccount, no Katalog ConfigMap', () => {
  assert.equal(ids(planBundle(exampleKatalog('website'), { components: ['cc'] }).objects),
    ['Namespace orkestra-system', 'ServiceAccount orkestra-system/orkestra-cc', 'ClusterRole orkestra-cc', 'ClusterRoleBinding orkestra-cc']);
});

test('a namespaced CRD gets a Role and RoleBinding in its namespace bound to the install-namespace ServiceAccount', () => {
  const { objects } = planBundle(namespacedCrd(), { namespace: 'ops' });
  assert.equal(ids(objects), [
    'Namespace ops',
    'ServiceAccount ops/orkestra',
    'ServiceAccount ops/orkestra-gateway',
    'ServiceAccount ops/orkestra-cc',
    'ClusterRole orkestra-runtime',
    'ClusterRoleBinding orkestra-runtime',
    'ClusterRole orkestra-gateway',
    'ClusterRoleBinding orkestra-gateway',
    'Role ops/orkestra-runtime-leader-election',
    'RoleBinding ops/orkestra-runtime-leader-election',
    'Role team-a/orkestra-runtime',
    'RoleBinding team-a/orkestra-runtime',
    'Role ops/orkestra-gateway-tls',
    'RoleBinding ops/orkestra-gateway-tls',
    'Role team-a/orkestra-cc',
    'RoleBinding team-a/orkestra-cc',
    'ConfigMap ops/orkestra-katalog',
  ]);
  const binding = objects.find((o) => o.kind === 'RoleBinding' && o.metadata.namespace === 'team-a')!;
  assert.equal(binding['roleRef'], { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'orkestra-runtime' });
  assert.equal(binding['subjects'], [{ kind: 'ServiceAccount', name: 'orkestra', namespace: 'ops' }]);
});

test('every object validates against the official Kubernetes schemas and carries the bundle labels', () => {
  const bundles = [planBundle(exampleKatalog('website')), planBundle(exampleKatalog('gateway')), planBundle(namespacedCrd()), planBundle(rbacCrd())];
  for (const { objects } of bundles) {
    for (const o of objects) {
      const Model = MODELS[`${o.apiVersion}/${o.kind}`];
      assert.ok(Model, `no model for ${o.apiVersion}/${o.kind}`);
      new Model(o as never).validate();
      const labels = o.metadata.labels!;
      assert.is(labels['app.kubernetes.io/name'], 'orkestra');
      assert.is(labels['app.kubernetes.io/part-of'], 'orkestra');
      assert.is(labels['app.kubernetes.io/managed-by'], 'ork');
      assert.ok(labels['app.kubernetes.io/component']);
    }
  }
});

test('the schema check has teeth: a role with a wrongly typed rule fails validation', () => {
  assert.throws(() => new ClusterRole({ metadata: { name: 'x' }, rules: [{ apiGroups: 'apps', resources: ['x'], verbs: ['get'] }] } as never).validate());
});

test('each role carries its purpose and one reasons entry per rule, as JSON', () => {
  for (const o of planBundle(namespacedCrd()).objects.filter((x) => x.kind === 'ClusterRole' || x.kind === 'Role')) {
    const reasons = JSON.parse(o.metadata.annotations!['orkestra.orkspace.io/rule-reasons']!) as string[][];
    const rules = o['rules'] as unknown[];
    assert.is(reasons.length, rules.length, o.metadata.name);
    assert.ok(reasons.every((r) => r.length > 0));
    assert.ok(o.metadata.annotations!['orkestra.orkspace.io/purpose']);
  }
});

test('critical rules say so first in the reasons annotation', () => {
  const role = planBundle(rbacCrd()).objects.find((o) => o.kind === 'ClusterRole')!;
  const rules = role['rules'] as { verbs: string[] }[];
  const reasons = JSON.parse(role.metadata.annotations!['orkestra.orkspace.io/rule-reasons']!) as string[][];
  const flagged = reasons.flatMap((r, i) => (r[0]!.startsWith('CRITICAL') ? [rules[i]!.verbs.join(' ')] : []));
  assert.equal(flagged, ['bind', 'escalate']);
});

test('rules in objects list fields in the usual order and never contain *', () => {
  const role = planBundle(exampleKatalog('gateway')).objects.find((o) => o.kind === 'Role')!;
  assert.equal(role['rules'], [
    { apiGroups: [''], resources: ['secrets'], verbs: ['create'] },
    { apiGroups: [''], resources: ['secrets'], resourceNames: ['orkestra-gateway-tls'], verbs: ['get', 'update'] },
  ]);
  const text = renderYamlDocuments(planBundle(exampleKatalog('website')).objects);
  assert.not.ok(text.includes("'*'") || text.includes('"*"') || /- \*$/m.test(text));
});

test('the ConfigMap holds the resolved Katalog as YAML that YAML 1.1 readers read back unchanged', () => {
  const katalog = katalogFrom(`apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata: {name: yes-no, description: "no", author: "on"}
spec:
  crds:
    app:
      apiTypes: {group: demo.example.com, version: v1, kind: App, plural: apps}
      operatorBox: {onCreate: {configMaps: [{data: {enabled: "yes", mode: "0777", time: "1:20"}}]}}
`);
  const cm = planKatalogConfigMap(katalog, { namespace: 'ops' });
  assert.is(cm.metadata.name, 'orkestra-katalog');
  assert.is(cm.metadata.namespace, 'ops');
  const text = (cm['data'] as Record<string, string>)['katalog.yaml']!;
  assert.equal(parse(text, { version: '1.1' }), katalog.resolved);
  assert.equal(parse(text), katalog.resolved);
});

test('planRbacObjects: ServiceAccounts, roles and bindings only', () => {
  const { objects } = planRbacObjects(exampleKatalog('website'));
  assert.not.ok(objects.some((o) => o.kind === 'Namespace' || o.kind === 'ConfigMap'));
  assert.equal(ids(objects), ids(planBundle(exampleKatalog('website')).objects).slice(1, -1));
});

// issue 13: a tool that already planned gets the objects without planning again.
test('rbacObjects(plan) without components: the objects planRbacObjects gives, for the components the Katalog calls for', () => {
  for (const name of ['website', 'gateway'] as const) {
    const k = exampleKatalog(name);
    assert.equal(rbacObjects(planRbac(k, { namespace: 'tools' })), planRbacObjects(k, { namespace: 'tools' }).objects, name);
  }
  // The standalone gateway Katalog calls for no runtime: its ServiceAccount is left out.
  assert.not.ok(ids(rbacObjects(planRbac(exampleKatalog('gateway')))).includes('ServiceAccount orkestra-system/orkestra'));
});

test('a rule failing lintRules stops the bundle (planner bug, never written)', () => {
  const plan = planRbac(exampleKatalog('website'));
  const broken = {
    ...plan,
    components: {
      ...plan.components,
      runtime: {
        ...plan.components.runtime,
        roles: [{ ...plan.components.runtime.roles[0]!, rules: [{ rule: { apiGroups: ['*'], resources: ['pods'], verbs: ['get'] }, reasons: ['x'], crds: [], critical: false }] }],
      },
    },
  };
  assert.throws(() => rbacObjects(broken, ['runtime']), /RBAC planner bug: role orkestra-runtime: rule 0: apiGroups contains "\*"/);
});

test('deterministic: same input, deep-equal objects, same key order, same bytes', () => {
  const a = planBundle(namespacedCrd());
  const b = planBundle(namespacedCrd());
  assert.equal(a, b);
  assert.is(JSON.stringify(a), JSON.stringify(b));
  assert.is(renderYamlDocuments(a.objects), renderYamlDocuments(b.objects));
});

test.run();

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { exampleKatalog, katalogFrom, oneCrd } from './katalog.test.fixture.ts';
import { lintRules } from './lint-rules.ts';
import { planRbac, type RbacPlan } from './plan-rbac.ts';
import type { PlannedRole } from './rbac-model.ts';

const test = suite('plan-rbac');

/** `group resource[names] verbs` per rule, for compact exact assertions. */
const lines = (role: PlannedRole | undefined): string[] =>
  (role?.rules ?? []).map((r) => `${r.rule.apiGroups.join(',') || 'core'} ${r.rule.resources.join(',')}${r.rule.resourceNames ? `[${r.rule.resourceNames.join(',')}]` : ''} ${r.rule.verbs.join(',')}${r.critical ? ' CRITICAL' : ''}`);
const role = (plan: RbacPlan, name: string, namespace?: string): PlannedRole | undefined =>
  Object.values(plan.components).flatMap((c) => c.roles)
    .find((r) => r.name === name && (namespace === undefined ? r.scope.type === 'cluster' : r.scope.type === 'namespace' && r.scope.namespace === namespace));

test('the seed Website Katalog: exact runtime rules, no gateway, get and list of the CRs for the Control Center', () => {
  const plan = planRbac(exampleKatalog('website'));
  const cluster = role(plan, 'orkestra-runtime')!;
  assert.equal(cluster.rules.map((r) => r.rule), [
    { apiGroups: ['apiextensions.k8s.io'], resources: ['customresourcedefinitions'], verbs: ['get'], resourceNames: ['websites.demo.orkestra.io'] },
    { apiGroups: ['apps'], resources: ['deployments'], verbs: ['list', 'watch', 'create', 'patch'] },
    { apiGroups: ['authentication.k8s.io'], resources: ['tokenreviews'], verbs: ['create'] },
    { apiGroups: ['authorization.k8s.io'], resources: ['subjectaccessreviews'], verbs: ['create'] },
    { apiGroups: ['demo.orkestra.io'], resources: ['websites'], verbs: ['list', 'watch', 'patch'] },
    { apiGroups: ['demo.orkestra.io'], resources: ['websites/finalizers'], verbs: ['update'] },
    { apiGroups: ['demo.orkestra.io'], resources: ['websites/status'], verbs: ['patch'] },
    { apiGroups: ['events.k8s.io'], resources: ['events'], verbs: ['create'] },
  ]);
  assert.equal(cluster.rules[1]!.reasons, ['website onCreate.deployments: server-side apply (create, patch) and drift watch (list, watch)']);
  assert.equal(cluster.rules[4]!.reasons.length, 2, 'watch and finalizer patch each explain themselves');
  // The HTTP API's token and access reviews serve every CRD, so they name none.
  assert.ok(cluster.rules.every((r) => r.reasons.length > 0 && !r.critical && r.crds.join() === (r.rule.resources[0]!.endsWith('reviews') ? '' : 'website')));
  assert.equal(lines(role(plan, 'orkestra-runtime-leader-election', 'orkestra-system')), [
    'coordination.k8s.io leases create',
    'coordination.k8s.io leases[orkestra-runtime] get,update',
  ]);
  assert.equal(plan.components.runtime.roles.length, 2);
  assert.is(plan.components.gateway.planned, false);
  assert.equal(plan.components.gateway.roles, []);
  assert.equal(plan.components.cc.roles.map((r) => [r.name, r.scope.type, lines(r)]), [['orkestra-cc', 'cluster', ['demo.orkestra.io websites get,list']]]);
  assert.equal(plan.diagnostics, []);
  assert.equal(plan.crds.map((c) => [c.crd, c.roles.map((r) => r.name)]), [['website', ['orkestra-runtime']]]);
});

test('every rule of every plan passes lintRules', () => {
  for (const plan of [planRbac(exampleKatalog('website')), planRbac(exampleKatalog('gateway')), planRbac(rbacChildren())]) {
    for (const c of Object.values(plan.components)) for (const r of c.roles) assert.equal(lintRules(r.rules), [], r.name);
  }
});

test('the install namespace moves the leader-election Role and the gateway TLS Role', () => {
  const plan = planRbac(exampleKatalog('gateway'), { namespace: 'ops' });
  assert.is(plan.namespace, 'ops');
  assert.ok(role(plan, 'orkestra-gateway-tls', 'ops'));
  assert.is(role(plan, 'orkestra-gateway-tls', 'orkestra-system'), undefined);
});

test('the standalone gateway Katalog: webhook configurations by name, its TLS Secret, no runtime', () => {
  const plan = planRbac(exampleKatalog('gateway'));
  assert.is(plan.components.runtime.planned, false);
  assert.equal(plan.components.runtime.roles, []);
  assert.equal(lines(role(plan, 'orkestra-gateway')), [
    // Issue 12, finding 2: the Pod an eviction names.
    'core pods get',
    'admissionregistration.k8s.io validatingwebhookconfigurations create',
    'admissionregistration.k8s.io validatingwebhookconfigurations[orkestra-deletion-protection,orkestra-namespace-protection] get,update',
  ]);
  assert.equal(lines(role(plan, 'orkestra-gateway-tls', 'orkestra-system')), [
    'core secrets create',
    'core secrets[orkestra-gateway-tls] get,update',
  ]);
  assert.equal(plan.components.gateway.roles.length, 2, 'protection reads nothing else');
});

test('gateway: only enabled protections, delete only with cleanupOnShutdown', () => {
  const plan = planRbac(katalogFrom(`apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata: {name: g}
gateway: {standalone: true}
security:
  deletionProtection: {cleanupOnShutdown: true}
  namespaceProtection: {enabled: false}
spec: {}
`));
  assert.equal(lines(role(plan, 'orkestra-gateway')), [
    'core pods get',
    'admissionregistration.k8s.io validatingwebhookconfigurations create',
    'admissionregistration.k8s.io validatingwebhookconfigurations[orkestra-deletion-protection] get,update,delete',
  ]);
  const namespaceOnly = planRbac(katalogFrom(`apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata: {name: g}
gateway: {standalone: true}
security:
  deletionProtection: {enabled: false}
  namespaceProtection: {enabled: true}
spec: {}
`));
  assert.not.ok(lines(role(namespaceOnly, 'orkestra-gateway')).some((l) => l.includes('pods')), 'pods only for deletion protection');
});

test('a gateway block without protections gets its TLS Secret but no webhook rules', () => {
  const plan = planRbac(oneCrd('', 'gateway: {endpoint: "http://gw:8080"}'));
  assert.is(plan.components.gateway.planned, true);
  assert.equal(plan.components.gateway.roles.map((r) => r.name), ['orkestra-gateway-tls']);
});

test('a CRD with namespace: gets a Role there; CRD checks and cluster-scoped children stay cluster-wide', () => {
  const plan = planRbac(oneCrd(`namespace: team-a
operatorBox:
  onCreate:
    deployments: [{image: nginx}]
    namespaces: [{name: extra}]
`));
  assert.equal(lines(role(plan, 'orkestra-runtime', 'team-a')), [
    'apps deployments list,watch,create,patch',
    'demo.example.com apps list,watch,patch',
    'demo.example.com apps/finalizers update',
    'demo.example.com apps/status patch',
    'events.k8s.io events create',
  ]);
  assert.equal(lines(role(plan, 'orkestra-runtime')), [
    'core namespaces list,watch,create,patch,delete',
    'apiextensions.k8s.io customresourcedefinitions[apps.demo.example.com] get',
    'authentication.k8s.io tokenreviews create',
    'authorization.k8s.io subjectaccessreviews create',
  ]);
  assert.equal(lines(role(plan, 'orkestra-cc', 'team-a')), ['demo.example.com apps get,list'], 'the Control Center reads the CRs where they live');
  assert.equal(plan.diagnostics.map((d) => [d.code, d.severity, d.path]), [['ORK2005', 'info', 'spec.crds.app.namespace']]);
});

test('cluster-scoped children get delete; namespaced children owned by the CR do not', () => {
  const plan = planRbac(oneCrd(`operatorBox:
  onCreate:
    services: [{port: 80}]
    namespaces: [{}]
    clusterRoles: [{rules: [{apiGroups: [""], resources: [pods], verbs: [get]}]}]
`));
  const cluster = lines(role(plan, 'orkestra-runtime'));
  assert.ok(cluster.includes('core namespaces list,watch,create,patch,delete'));
  assert.ok(cluster.includes('core services list,watch,create,patch'));
  assert.ok(cluster.includes('rbac.authorization.k8s.io clusterroles list,watch,create,patch,delete'));
  assert.ok(cluster.includes('rbac.authorization.k8s.io clusterroles escalate CRITICAL'));
});

test('a namespaced CR with only cluster-scoped children sets no owner references, so no finalizers rule', () => {
  const plan = planRbac(oneCrd('operatorBox:\n  onCreate:\n    namespaces: [{}]\n'));
  assert.not.ok(lines(role(plan, 'orkestra-runtime')).some((l) => l.includes('apps/finalizers')));
  const childless = planRbac(oneCrd(''));
  assert.not.ok(lines(role(childless, 'orkestra-runtime')).some((l) => l.includes('apps/finalizers')));
});

test('a cluster-scoped CR owns its cluster-scoped children: finalizers update, no delete (the garbage collector deletes them)', () => {
  const plan = planRbac(oneCrd('scope: Cluster\noperatorBox:\n  onCreate:\n    namespaces: [{}]\n'));
  const cluster = lines(role(plan, 'orkestra-runtime'));
  assert.ok(cluster.includes('demo.example.com apps/finalizers update'));
  assert.ok(cluster.includes('core namespaces list,watch,create,patch'), cluster.join('\n'));
  assert.not.ok(cluster.some((l) => l.includes('namespaces') && l.includes('delete')), cluster.join('\n'));
});

test('a namespaced CR cannot own a cluster-scoped child: delete, with the reason', () => {
  const plan = planRbac(oneCrd('operatorBox:\n  onCreate:\n    namespaces: [{}]\n'));
  assert.ok(lines(role(plan, 'orkestra-runtime')).includes('core namespaces list,watch,create,patch,delete'));
});

test('a child placed in a literal namespace gets a Role there with delete (owner references cannot cross namespaces)', () => {
  const plan = planRbac(oneCrd(`namespace: team-a
operatorBox:
  onCreate:
    configMaps: [{namespace: shared, data: {a: b}}]
`));
  assert.equal(lines(role(plan, 'orkestra-runtime', 'shared')), ['core configmaps list,watch,create,patch,delete']);
  assert.not.ok(lines(role(plan, 'orkestra-runtime', 'team-a')).some((l) => l.includes('configmaps')));
  assert.not.ok(lines(role(plan, 'orkestra-runtime', 'team-a')).some((l) => l.includes('finalizers')), 'the only child is not owned');
});

test('a templated child namespace under a namespaced CRD falls back to cluster-wide, with a note', () => {
  const plan = planRbac(oneCrd(`namespace: team-a
operatorBox:
  onCreate:
    configMaps: [{namespace: "{{ .spec.target }}", data: {a: b}}, {namespace: "{{ .metadata.namespace }}", data: {a: b}, name: second}]
`));
  assert.equal(lines(role(plan, 'orkestra-runtime')), [
    'core configmaps list,watch,create,patch,delete',
    'apiextensions.k8s.io customresourcedefinitions[apps.demo.example.com] get',
    'authentication.k8s.io tokenreviews create',
    'authorization.k8s.io subjectaccessreviews create',
  ]);
  assert.ok(lines(role(plan, 'orkestra-runtime', 'team-a')).includes('core configmaps list,watch,create,patch'), 'the CR-namespace template stays in the Role');
  assert.equal(plan.notes.length, 1);
  assert.match(plan.notes[0]!.message, /namespace is templated/);
});

test('Secrets children of a cluster-wide CRD are noted: the runtime can read every Secret', () => {
  const plan = planRbac(oneCrd('operatorBox:\n  onCreate:\n    secrets: [{data: {a: b}}, {name: two, data: {a: b}}]\n'));
  assert.equal(plan.notes.map((n) => n.crd), ['app']);
  assert.match(plan.notes[0]!.message, /every Secret/);
});

function rbacChildren() {
  return oneCrd(`operatorBox:
  onCreate:
    roles: [{rules: [{apiGroups: [""], resources: [pods], verbs: [get]}]}]
    roleBindings:
      - roleRef: {kind: ClusterRole, name: view}
        subjects: [{name: sa}]
      - name: second
        subjects: [{name: sa}]
    clusterRoles: [{rules: [{apiGroups: [""], resources: [pods], verbs: [get]}]}]
    clusterRoleBindings: [{roleRef: {name: "{{ .metadata.name }}-viewer"}, subjects: [{name: sa, namespace: default}]}]
`);
}

test('RBAC children: escalate and bind, flagged critical, with ORK2001 per list', () => {
  const plan = planRbac(rbacChildren());
  const rbac = lines(role(plan, 'orkestra-runtime')).filter((l) => l.startsWith('rbac.authorization.k8s.io'));
  assert.equal(rbac, [
    'rbac.authorization.k8s.io clusterrolebindings list,watch,create,patch,delete',
    'rbac.authorization.k8s.io clusterroles list,watch,create,patch,delete',
    'rbac.authorization.k8s.io clusterroles escalate,bind CRITICAL',
    'rbac.authorization.k8s.io rolebindings list,watch,create,patch',
    'rbac.authorization.k8s.io roles list,watch,create,patch',
    'rbac.authorization.k8s.io roles escalate,bind CRITICAL',
  ]);
  assert.equal(plan.diagnostics.map((d) => [d.code, d.severity, d.path]), [
    ['ORK2001', 'warning', 'spec.crds.app.operatorBox.onCreate.clusterRoleBindings[0]'],
    ['ORK2001', 'warning', 'spec.crds.app.operatorBox.onCreate.clusterRoles[0]'],
    ['ORK2001', 'warning', 'spec.crds.app.operatorBox.onCreate.roleBindings[0]'],
    ['ORK2001', 'warning', 'spec.crds.app.operatorBox.onCreate.roles[0]'],
  ]);
});

test('bind is restricted to a literal roleRef name when that is the only binding', () => {
  const plan = planRbac(oneCrd(`operatorBox:
  onCreate:
    roleBindings: [{roleRef: {kind: ClusterRole, name: view}, subjects: [{name: sa}]}]
`));
  const rbac = lines(role(plan, 'orkestra-runtime')).filter((l) => l.startsWith('rbac.authorization.k8s.io'));
  assert.equal(rbac, [
    'rbac.authorization.k8s.io clusterroles[view] bind CRITICAL',
    'rbac.authorization.k8s.io rolebindings list,watch,create,patch',
  ]);
});

test('no escalate, bind or impersonate without RBAC children', () => {
  for (const plan of [planRbac(exampleKatalog('website')), planRbac(exampleKatalog('gateway'))]) {
    const verbs = Object.values(plan.components).flatMap((c) => c.roles.flatMap((r) => r.rules.flatMap((x) => x.rule.verbs)));
    assert.not.ok(verbs.some((v) => ['escalate', 'bind', 'impersonate', '*'].includes(v)));
  }
});

test('custom children: group and plural from the item, ORK2003 when the plural is guessed, scope Cluster gets delete', () => {
  const plan = planRbac(oneCrd(`operatorBox:
  onCreate:
    custom:
      - apiVersion: cert-manager.io/v1
        kind: Certificate
        spec: {secretName: x}
      - apiVersion: example.io/v1
        kind: Widget
        plural: widgetz
        scope: Cluster
`));
  const cluster = lines(role(plan, 'orkestra-runtime'));
  assert.ok(cluster.includes('cert-manager.io certificates list,watch,create,patch'));
  assert.ok(cluster.includes('example.io widgetz list,watch,create,patch,delete'));
  assert.equal(plan.diagnostics.map((d) => [d.code, d.path]), [['ORK2003', 'spec.crds.app.operatorBox.onCreate.custom[0].kind']]);
  assert.match(role(plan, 'orkestra-runtime')!.rules.find((r) => r.rule.resources[0] === 'certificates')!.reasons[0]!, /custom \(Certificate\)/);
});

test('disabled CRDs contribute nothing; two CRDs merge and keep their own reasons', () => {
  const plan = planRbac(katalogFrom(`apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata: {name: two}
spec:
  crds:
    db:
      apiTypes: {group: demo.example.com, version: v1, kind: Db, plural: dbs}
      operatorBox: {onCreate: {deployments: [{image: postgres}]}}
    off:
      enabled: false
      apiTypes: {group: demo.example.com, version: v1, kind: Off, plural: offs}
      operatorBox: {onCreate: {secrets: [{data: {a: b}}]}}
    web:
      apiTypes: {group: demo.example.com, version: v1, kind: Web, plural: webs}
      operatorBox: {onCreate: {deployments: [{image: nginx}]}}
`));
  const cluster = role(plan, 'orkestra-runtime')!;
  assert.not.ok(lines(cluster).some((l) => l.includes('offs') || l.includes('secrets')));
  assert.equal(cluster.rules.find((r) => r.rule.resources[0] === 'customresourcedefinitions')!.rule.resourceNames, ['dbs.demo.example.com', 'webs.demo.example.com']);
  const deployments = cluster.rules.find((r) => r.rule.resources[0] === 'deployments')!;
  assert.equal(deployments.crds, ['db', 'web']);
  assert.equal(deployments.reasons.length, 2);
  assert.equal(plan.crds.map((c) => [c.crd, c.roles.length]), [['db', 1], ['off', 0], ['web', 1]]);
  assert.ok(lines(plan.crds[2]!.roles[0]).every((l) => !l.includes('dbs')), 'per-CRD view holds only its own rules');
});

test('deterministic: same input twice gives deep-equal plans with the same key order', () => {
  const a = planRbac(rbacChildren());
  const b = planRbac(rbacChildren());
  assert.equal(a, b);
  assert.is(JSON.stringify(a), JSON.stringify(b));
});

test('locate positions diagnostics', () => {
  const plan = planRbac(rbacChildren(), { locate: (path) => ({ file: 'k.yaml', line: path.length, column: 7, path: path.join('/') }) });
  assert.equal(plan.diagnostics[0]!.file, 'k.yaml');
  assert.is(plan.diagnostics[0]!.line, 7);
});

test.run();

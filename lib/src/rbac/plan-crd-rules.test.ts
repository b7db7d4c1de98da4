import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { exampleKatalog, oneCrd } from './katalog.test.fixture.ts';
import { planCrdRules } from './plan-crd-rules.ts';
import { planRbac } from './plan-rbac.ts';

const test = suite('planCrdRules');

test('the Website CRD: the runtime ClusterRole rules the bundle grants, each with its reasons; no Lease rule', () => {
  const katalog = exampleKatalog('website');
  const rules = planCrdRules(katalog, 'orkestra-system').get('website')!;
  const cluster = planRbac(katalog).crds.find((c) => c.crd === 'website')!.roles.flatMap((r) => r.rules);
  assert.equal(rules.map((r) => ({ apiGroups: r.apiGroups, resources: r.resources, verbs: r.verbs, ...(r.resourceNames ? { resourceNames: r.resourceNames } : {}) })), cluster.map((r) => r.rule));
  assert.ok(rules.length > 0);
  assert.ok(rules.every((r) => r.scope === 'cluster' && r.namespace === undefined && r.reasons.length > 0 && !r.critical));
  assert.ok(!rules.some((r) => r.resources.includes('leases')), 'leader election belongs to no CRD');
  const crdCheck = rules.find((r) => r.resources[0] === 'customresourcedefinitions')!;
  assert.equal(crdCheck.resourceNames, ['websites.demo.orkestra.io']);
  assert.match(crdCheck.reasons[0]!, /^website: check that CRD websites\.demo\.orkestra\.io is installed .*while running/);
});

test('a CRD confined to a namespace has Role rules there; a disabled CRD has none', () => {
  const confined = planCrdRules(oneCrd('namespace: team-a\noperatorBox:\n  onCreate:\n    deployments: [{image: nginx}]\n'), 'ops').get('app')!;
  const watch = confined.find((r) => r.resources[0] === 'apps' && r.verbs.includes('watch'))!;
  assert.equal([watch.scope, watch.namespace], ['namespace', 'team-a']);
  assert.ok(confined.some((r) => r.resources[0] === 'deployments' && r.scope === 'namespace'));
  assert.ok(confined.some((r) => r.resources[0] === 'customresourcedefinitions' && r.scope === 'cluster'), 'the CRD check is cluster-wide');
  assert.equal(planCrdRules(oneCrd('enabled: false'), 'ops').get('app'), []);
});

test('RBAC children are flagged critical, as in validate --full', () => {
  const rules = planCrdRules(oneCrd('operatorBox:\n  onCreate:\n    roles: [{rules: [{apiGroups: [""], resources: [pods], verbs: [get]}]}]\n'), 'ops').get('app')!;
  const escalate = rules.find((r) => r.verbs.includes('escalate'))!;
  assert.is(escalate.critical, true);
  assert.equal(escalate.resources, ['roles']);
});

test.run();

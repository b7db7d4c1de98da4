import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { installerNeeds } from './installer-needs.ts';
import { exampleKatalog, oneCrd } from './katalog.test.fixture.ts';
import { lintRules } from './lint-rules.ts';
import { planRbac } from './plan-rbac.ts';
import type { PlannedRule } from './rbac-model.ts';

const test = suite('installer-needs');

const lines = (rules: readonly PlannedRule[]): string[] =>
  rules.map((r) => `${r.rule.apiGroups[0] || 'core'} ${r.rule.resources[0]}${r.rule.resourceNames ? `[${r.rule.resourceNames.join(',')}]` : ''} ${r.rule.verbs.join(',')}`);

test('the Website bundle: its own objects plus everything it grants, per scope', () => {
  const needs = installerNeeds(planRbac(exampleKatalog('website')));
  assert.equal(needs.scopes.map((s) => s.scope), [{ type: 'cluster' }, { type: 'namespace', namespace: 'orkestra-system' }]);
  assert.equal(lines(needs.scopes[0]!.rules), [
    'core namespaces create',
    'core namespaces[orkestra-system] get,patch',
    'apiextensions.k8s.io customresourcedefinitions[websites.demo.orkestra.io] get',
    'apps deployments list,watch,create,patch',
    'authentication.k8s.io tokenreviews create',
    'authorization.k8s.io subjectaccessreviews create',
    'demo.orkestra.io websites get,list,watch,patch',
    'demo.orkestra.io websites/finalizers update',
    'demo.orkestra.io websites/status patch',
    'events.k8s.io events create',
    'rbac.authorization.k8s.io clusterrolebindings create',
    'rbac.authorization.k8s.io clusterrolebindings[orkestra-cc,orkestra-runtime] get,patch',
    'rbac.authorization.k8s.io clusterroles create',
    'rbac.authorization.k8s.io clusterroles[orkestra-cc,orkestra-runtime] get,patch',
  ]);
  assert.equal(lines(needs.scopes[1]!.rules), [
    'core configmaps create',
    'core configmaps[orkestra-katalog] get,patch',
    'core serviceaccounts create',
    'core serviceaccounts[orkestra,orkestra-cc] get,patch',
    'coordination.k8s.io leases create',
    'coordination.k8s.io leases[orkestra-runtime] get,update',
    'rbac.authorization.k8s.io rolebindings create',
    'rbac.authorization.k8s.io rolebindings[orkestra-runtime-leader-election] get,patch',
    'rbac.authorization.k8s.io roles create',
    'rbac.authorization.k8s.io roles[orkestra-runtime-leader-election] get,patch',
  ]);
  for (const s of needs.scopes) assert.equal(lintRules(s.rules), []);
  assert.ok(needs.scopes.every((s) => s.rules.every((r) => r.reasons.length > 0)));
});

test('a CRD namespace needs roles and rolebindings there too; components narrow the needs', () => {
  const plan = planRbac(oneCrd('namespace: team-a\noperatorBox: {onCreate: {deployments: [{image: x}]}}'));
  const all = installerNeeds(plan);
  assert.equal(all.scopes.map((s) => (s.scope.type === 'cluster' ? '*' : s.scope.namespace)), ['*', 'orkestra-system', 'team-a']);
  assert.ok(lines(all.scopes[2]!.rules).includes('rbac.authorization.k8s.io roles[orkestra-cc,orkestra-runtime] get,patch'));
  assert.ok(lines(all.scopes[2]!.rules).includes('apps deployments list,watch,create,patch'));
  const ccOnly = installerNeeds(plan, ['cc']);
  assert.equal(lines(ccOnly.scopes[1]!.rules), ['core serviceaccounts create', 'core serviceaccounts[orkestra-cc] get,patch']);
});

test.run();

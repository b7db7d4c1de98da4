import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mergeGrants, mergeRules } from './merge-rules.ts';
import { sortVerbs } from './verbs.ts';

const test = suite('merge-rules');

test('sortVerbs puts verbs in canonical order, drops duplicates, unknown verbs last', () => {
  assert.equal(sortVerbs(['patch', 'get', 'bind', 'watch', 'get', 'use', 'create', 'list', 'delete', 'escalate', 'update']),
    ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'escalate', 'bind', 'use']);
});

test('rules on one group+resource merge into one rule with the verb union', () => {
  assert.equal(mergeRules([
    { apiGroups: ['apps'], resources: ['deployments'], verbs: ['patch', 'create'] },
    { apiGroups: ['apps'], resources: ['deployments'], verbs: ['watch', 'get', 'list', 'create'] },
  ]), [{ apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'list', 'watch', 'create', 'patch'] }]);
});

test('multi-group, multi-resource rules are split per group+resource and sorted (core first)', () => {
  assert.equal(mergeRules([
    { apiGroups: ['events.k8s.io', ''], resources: ['events'], verbs: ['create'] },
    { apiGroups: ['apps'], resources: ['statefulsets', 'deployments'], verbs: ['get'] },
  ]), [
    { apiGroups: [''], resources: ['events'], verbs: ['create'] },
    { apiGroups: ['apps'], resources: ['deployments'], verbs: ['get'] },
    { apiGroups: ['apps'], resources: ['statefulsets'], verbs: ['get'] },
    { apiGroups: ['events.k8s.io'], resources: ['events'], verbs: ['create'] },
  ]);
});

test('name-restricted verbs already granted unrestricted are dropped', () => {
  assert.equal(mergeRules([
    { apiGroups: [''], resources: ['secrets'], verbs: ['get', 'update'], resourceNames: ['tls'] },
    { apiGroups: [''], resources: ['secrets'], verbs: ['get', 'create'] },
  ]), [
    { apiGroups: [''], resources: ['secrets'], verbs: ['get', 'create'] },
    { apiGroups: [''], resources: ['secrets'], verbs: ['update'], resourceNames: ['tls'] },
  ]);
});

test('named rules group verbs by identical name sets, names sorted and unique', () => {
  assert.equal(mergeRules([
    { apiGroups: ['x.io'], resources: ['things'], verbs: ['get', 'delete'], resourceNames: ['b'] },
    { apiGroups: ['x.io'], resources: ['things'], verbs: ['get'], resourceNames: ['a', 'b'] },
  ]), [
    { apiGroups: ['x.io'], resources: ['things'], verbs: ['get'], resourceNames: ['a', 'b'] },
    { apiGroups: ['x.io'], resources: ['things'], verbs: ['delete'], resourceNames: ['b'] },
  ]);
});

test('an empty resourceNames list means every object, as in Kubernetes', () => {
  assert.equal(mergeRules([{ apiGroups: [''], resources: ['pods'], verbs: ['get'], resourceNames: [] }]),
    [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }]);
});

test('mergeGrants keeps distinct reasons in first-seen order, CRDs sorted, critical carried', () => {
  const rules = mergeGrants([
    { apiGroup: 'apps', resource: 'deployments', verbs: ['get'], reason: 'b needs it', crd: 'b' },
    { apiGroup: 'apps', resource: 'deployments', verbs: ['create'], reason: 'a needs it', crd: 'a' },
    { apiGroup: 'apps', resource: 'deployments', verbs: ['get'], reason: 'b needs it', crd: 'b' },
    { apiGroup: 'rbac.authorization.k8s.io', resource: 'roles', verbs: ['escalate'], reason: 'roles', crd: 'a', critical: true },
  ]);
  assert.equal(rules, [
    { rule: { apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'create'] }, reasons: ['b needs it', 'a needs it'], crds: ['a', 'b'], critical: false },
    { rule: { apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles'], verbs: ['escalate'] }, reasons: ['roles'], crds: ['a'], critical: true },
  ]);
});

test('critical grants stay in rules of their own, after the ordinary rule of the same resource', () => {
  const rules = mergeGrants([
    { apiGroup: 'rbac.authorization.k8s.io', resource: 'roles', verbs: ['escalate'], reason: 'escalate', critical: true },
    { apiGroup: 'rbac.authorization.k8s.io', resource: 'roles', verbs: ['get', 'create'], reason: 'apply' },
    { apiGroup: 'rbac.authorization.k8s.io', resource: 'roles', verbs: ['bind'], resourceNames: ['view'], reason: 'bind', critical: true },
  ]);
  assert.equal(rules.map((r) => [r.rule.verbs, r.rule.resourceNames ?? null, r.critical, r.reasons]), [
    [['get', 'create'], null, false, ['apply']],
    [['escalate'], null, true, ['escalate']],
    [['bind'], ['view'], true, ['bind']],
  ]);
});

test('a named grant made redundant still contributes its reason to the open rule', () => {
  const rules = mergeGrants([
    { apiGroup: '', resource: 'secrets', verbs: ['get'], resourceNames: ['tls'], reason: 'read tls' },
    { apiGroup: '', resource: 'secrets', verbs: ['get'], reason: 'read all' },
  ]);
  assert.equal(rules.map((r) => [r.rule, r.reasons]), [[{ apiGroups: [''], resources: ['secrets'], verbs: ['get'] }, ['read tls', 'read all']]]);
});

test('merging is order-independent for the rules produced', () => {
  const input = [
    { apiGroups: ['b.io'], resources: ['x'], verbs: ['get'], resourceNames: ['n2'] },
    { apiGroups: ['a.io'], resources: ['y', 'x'], verbs: ['list', 'get'] },
    { apiGroups: ['b.io'], resources: ['x'], verbs: ['get', 'update'], resourceNames: ['n1'] },
  ];
  assert.equal(mergeRules(input), mergeRules([...input].reverse()));
});

test.run();

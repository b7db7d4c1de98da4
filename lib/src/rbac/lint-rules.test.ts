import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { lintRules } from './lint-rules.ts';
import type { PlannedRule, PolicyRule } from './rbac-model.ts';

const test = suite('lint-rules');

const messages = (rules: (PolicyRule | PlannedRule)[]): string[] => lintRules(rules).map((p) => `${p.index}: ${p.message}`);
const ok: PolicyRule = { apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'list'] };

test('a clean rule passes', () => {
  assert.equal(messages([ok, { apiGroups: [''], resources: ['leases'], verbs: ['get'], resourceNames: ['x'] }]), []);
});

test('rejects * in every list', () => {
  assert.equal(messages([
    { apiGroups: ['*'], resources: ['deployments'], verbs: ['get'] },
    { apiGroups: ['apps'], resources: ['*'], verbs: ['get'] },
    { apiGroups: ['apps'], resources: ['deployments'], verbs: ['*'] },
    { apiGroups: ['apps'], resources: ['deployments'], verbs: ['get'], resourceNames: ['*'] },
  ]), ['0: apiGroups contains "*"', '1: resources contains "*"', '2: verbs contains "*"', '3: resourceNames contains "*"']);
});

test('rejects empty lists, including an empty resourceNames', () => {
  assert.equal(messages([
    { apiGroups: [], resources: ['deployments'], verbs: ['get'] },
    { apiGroups: ['apps'], resources: [], verbs: ['get'] },
    { apiGroups: ['apps'], resources: ['deployments'], verbs: [] },
    { apiGroups: ['apps'], resources: ['deployments'], verbs: ['get'], resourceNames: [] },
  ]), ['0: apiGroups is empty', '1: resources is empty', '2: verbs is empty', '3: resourceNames is empty']);
});

test('rejects create and deletecollection with resourceNames', () => {
  assert.equal(messages([{ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'create', 'deletecollection'], resourceNames: ['tls'] }]), [
    '0: "create" cannot be restricted by resourceNames: give it a rule of its own',
    '0: "deletecollection" cannot be restricted by resourceNames: give it a rule of its own',
  ]);
});

test('rejects escalate and bind unless the planned rule is flagged critical; impersonate always', () => {
  const rule: PolicyRule = { apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles'], verbs: ['escalate', 'bind'] };
  assert.equal(messages([rule]), ['0: verbs has "escalate" on a rule not flagged critical', '0: verbs has "bind" on a rule not flagged critical']);
  assert.equal(messages([{ rule, reasons: ['r'], crds: [], critical: false }]).length, 2);
  assert.equal(messages([{ rule, reasons: ['r'], crds: [], critical: true }]), []);
  assert.equal(messages([{ rule: { apiGroups: [''], resources: ['users'], verbs: ['impersonate'] }, reasons: [], crds: [], critical: true }]),
    ['0: verbs has "impersonate", which Orkestra never grants']);
});

test('rejects non-canonical groups, bad resources, unknown verbs and duplicates', () => {
  assert.equal(messages([
    { apiGroups: ['core'], resources: ['pods'], verbs: ['get'] },
    { apiGroups: ['apps/v1'], resources: ['Deployments'], verbs: ['get', 'get', 'use'] },
  ]), [
    '0: apiGroups has "core": the core group is written ""',
    '1: verbs has duplicates',
    '1: apiGroups has "apps/v1", which is not a group name (no version, no slash)',
    '1: resources has "Deployments", which is not a lowercase plural (optionally /subresource)',
    '1: verbs has unknown verb "use"',
  ]);
});

test('subresources are valid resources', () => {
  assert.equal(messages([{ apiGroups: ['demo.example.com'], resources: ['apps/status', 'apps/finalizers'], verbs: ['patch'] }]), []);
});

test.run();

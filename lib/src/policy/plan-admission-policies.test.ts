import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { websiteKatalog } from '../admission/admission.test.fixture.ts';
import { planGatewayPolicy } from '../gateway/gateway-policy.ts';
import { planGatewayGrants } from '../rbac/plan-gateway-grants.ts';
import { planBundle } from '../bundle/plan-bundle.ts';
import { isPolicyMode, planPolicyMode, policyObjects } from './plan-admission-policies.ts';

const test = suite('planPolicyMode');
const RULES = `      validation:
        rules:
          - {field: spec.image, message: an image is required}
          - {field: spec.tier, notEquals: batch, action: warn, message: batch goes away}
          - {field: "{{ .spec.image }}", exists: true, message: a template stays on the webhook}`;
const SECURITY = (mode: string) => `security:
  mode: ${mode}
  deletionProtection: {enabled: true, strictMode: true}
  namespaceProtection: {enabled: true, restrictedNamespaces: [prod], protectWrites: true}
  webhooks: {admission: {enabled: true}}`;

test('policy mode plans every protection door and the compiled rules, deny and warn apart', () => {
  const { katalog } = websiteKatalog(RULES, SECURITY('policy'));
  assert.ok(isPolicyMode(katalog!));
  const plan = planPolicyMode(katalog!, 'ork-system');
  assert.equal(plan.policies.map((p) => `${p.policy.metadata.name} ${p.binding.spec.validationActions[0]}`), [
    'orkestra-deletion-protection-labels Deny', 'orkestra-deletion-protection-evictions Deny', 'orkestra-deletion-protection-crds Deny',
    'orkestra-deletion-protection-strict-mode Deny', 'orkestra-deletion-protection-strict-mode-exempt Warn',
    'orkestra-namespace-protection-namespaces Deny', 'orkestra-namespace-protection-placement Deny', 'orkestra-namespace-protection-writes Deny',
    'orkestra-rules.websites.demo.orkestra.io Deny', 'orkestra-rules-warn.websites.demo.orkestra.io Warn',
  ]);
  assert.equal(plan.webhookRules.map((w) => `${w.crd} ${w.rule.index}`), ['website 2']);
  // The install namespace is exempt as the gateway's is.
  const labels = plan.policies[0]!.policy.spec.matchConstraints;
  assert.equal(labels.namespaceSelector, { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['ork-system'] }] });
  const evictions = plan.policies[1]!;
  assert.equal(evictions.policy.spec.paramKind, { apiVersion: 'v1', kind: 'Pod' });
  assert.equal(evictions.binding.spec.paramRef, { selector: { matchLabels: { 'orkestra.io/deletion-protection': 'true' } }, parameterNotFoundAction: 'Allow' });
  // Policies before bindings: a binding to a policy not yet there is ignored.
  const kinds = policyObjects(plan).map((o) => o.kind);
  assert.equal(kinds.indexOf('ValidatingAdmissionPolicyBinding'), plan.policies.length);
});

test('match rules are exact where the answer is known; only the every-resource doors keep "*"', () => {
  const { katalog } = websiteKatalog(RULES, SECURITY('policy'));
  const plan = planPolicyMode(katalog!, 'ork-system');
  const rules = new Map(plan.policies.map((p) => [p.policy.metadata.name, p.policy.spec.matchConstraints.resourceRules]));
  const site = { apiGroups: ['demo.orkestra.io'], apiVersions: ['v1'], resources: ['websites'], scope: 'Namespaced' };
  assert.equal(rules.get('orkestra-rules.websites.demo.orkestra.io')!.map(({ operations: _o, ...r }) => r), [site]);
  assert.equal(rules.get('orkestra-namespace-protection-placement'), [{ operations: ['CREATE'], ...site }]);
  assert.equal(rules.get('orkestra-deletion-protection-evictions')!.map((r) => r.apiVersions), [['v1']]);
  assert.equal(rules.get('orkestra-namespace-protection-namespaces')!.map((r) => r.apiVersions), [['v1']]);
  assert.equal(rules.get('orkestra-deletion-protection-crds')!.map((r) => r.apiVersions), [['v1']]);
  const wild = [...rules].filter(([, rs]) => JSON.stringify(rs).includes('*')).map(([name]) => name);
  assert.equal(wild, ['orkestra-deletion-protection-labels', 'orkestra-deletion-protection-strict-mode',
    'orkestra-deletion-protection-strict-mode-exempt', 'orkestra-namespace-protection-writes']);
});

test('webhook mode plans no policy; policy mode leaves the gateway only what CEL cannot express', () => {
  const { katalog: webhook } = websiteKatalog(RULES, SECURITY('webhook'));
  assert.equal(planPolicyMode(webhook!, 'ork-system').policies, []);
  const w = planGatewayPolicy(webhook!, 'ork-system');
  assert.ok(w.deletion && w.namespace);
  assert.is(w.admission!.crds[0]!.rules.validation.length, 3);
  const { katalog } = websiteKatalog(RULES, SECURITY('policy'));
  const p = planGatewayPolicy(katalog!, 'ork-system');
  assert.is(p.deletion, undefined);
  assert.is(p.namespace, undefined);
  assert.equal(p.admission!.crds[0]!.rules.validation.map((r) => r.index), [2]);
});

test('the gateway\'s RBAC in policy mode: no protection configuration, no Pod reads; ORK1408 for the kept rule', () => {
  const { katalog } = websiteKatalog(RULES, SECURITY('policy'));
  const plan = planGatewayGrants(katalog!, 'ork-system');
  const names = plan.grants.flatMap((g) => g.resourceNames ?? []);
  assert.not.ok(names.includes('orkestra-deletion-protection') || names.includes('orkestra-namespace-protection'), names.join(', '));
  assert.ok(names.includes('orkestra-admission-validation'));
  assert.not.ok(plan.grants.some((g) => g.resource === 'pods'));
  assert.equal(plan.findings.map((f) => `${f.code} ${f.path.join('.')}`), ['ORK1408 spec.crds.website.validation.rules.2']);
  const { katalog: webhook } = websiteKatalog(RULES, SECURITY('webhook'));
  assert.ok(planGatewayGrants(webhook!, 'ork-system').grants.some((g) => g.resource === 'pods'), 'webhook mode reads evicted Pods');
});

test('the bundle carries the policies with the gateway\'s part only', () => {
  const { katalog } = websiteKatalog(RULES, SECURITY('policy'));
  const count = (objects: { kind: string }[]) => objects.filter((o) => o.kind.startsWith('ValidatingAdmissionPolicy')).length;
  assert.is(count(planBundle(katalog!, { namespace: 'ork-system' }).objects), 20);
  assert.is(count(planBundle(katalog!, { namespace: 'ork-system', components: ['runtime'] }).objects), 0);
});

test.run();

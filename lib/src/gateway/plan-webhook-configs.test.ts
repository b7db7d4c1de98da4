import { ValidatingWebhookConfiguration } from 'kubernetes-models/admissionregistration.k8s.io/v1';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { exampleKatalog, katalogFrom } from '../rbac/katalog.test.fixture.ts';
import { planWebhookConfigs, type WebhookPlanOptions } from './plan-webhook-configs.ts';
import { webhookConfigDrift } from './webhook-config-drift.ts';

const test = suite('plan-webhook-configs');
const IN_CLUSTER: WebhookPlanOptions = { endpoint: { type: 'service', name: 'orkestra-gateway', namespace: 'orkestra-system', port: 8443 }, caBundle: 'Q0E=', gatewayNamespace: 'orkestra-system' };
const LOCAL: WebhookPlanOptions = { endpoint: { type: 'url', url: 'https://127.0.0.1:8443/' }, caBundle: 'Q0E=', gatewayNamespace: 'orkestra-system' };

const FULL = katalogFrom(`apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata: {name: shop}
security:
  deletionProtection: {strictMode: true, failurePolicy: Ignore}
  namespaceProtection: {restrictedNamespaces: [prod], allowedNamespaces: [team-a], protectWrites: true}
spec:
  crds:
    app:
      apiTypes: {group: demo.example.com, version: v1, kind: App, plural: apps}
      deletionProtection: {protectCRs: true}
      operatorBox: {onCreate: {configMaps: [{data: {a: b}}]}}
`);

test('the standalone seed: two configurations, names, endpoint and common fields', () => {
  const configs = planWebhookConfigs(exampleKatalog('gateway'), IN_CLUSTER);
  assert.equal(configs.map((c) => c.metadata.name), ['orkestra-deletion-protection', 'orkestra-namespace-protection']);
  for (const c of configs) {
    for (const w of c.webhooks) {
      assert.is(w.sideEffects, 'None');
      assert.is(w.matchPolicy, 'Equivalent');
      assert.ok(w.timeoutSeconds >= 1 && w.timeoutSeconds <= 5);
      assert.equal(w.admissionReviewVersions, ['v1']);
      assert.is(w.failurePolicy, 'Fail');
      assert.is(w.clientConfig.caBundle, 'Q0E=');
      assert.is(w.clientConfig.service?.name, 'orkestra-gateway');
    }
  }
  assert.equal(configs[0]!.webhooks.map((w) => w.name), ['labels.deletion-protection.orkestra.io', 'evictions.deletion-protection.orkestra.io']);
  assert.equal(configs[0]!.webhooks[0]!.objectSelector, { matchLabels: { 'orkestra.io/deletion-protection': 'true' } });
  assert.equal(configs[0]!.webhooks[0]!.namespaceSelector, { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['orkestra-system'] }] });
  assert.equal(configs[0]!.webhooks[0]!.rules, [{ operations: ['DELETE'], apiGroups: ['*'], apiVersions: ['*'], resources: ['*'], scope: '*' }]);
  // Issue 12, finding 2: evictions never reach the DELETE webhooks; the Eviction carries no labels to select on.
  assert.equal(configs[0]!.webhooks[1]!.rules, [{ operations: ['CREATE'], apiGroups: [''], apiVersions: ['*'], resources: ['pods/eviction'], scope: 'Namespaced' }]);
  assert.equal(configs[0]!.webhooks[1]!.objectSelector, {});
  assert.equal(configs[0]!.webhooks[1]!.namespaceSelector, configs[0]!.webhooks[0]!.namespaceSelector);
  assert.equal(configs[1]!.webhooks.map((w) => w.name), ['namespaces.namespace-protection.orkestra.io']);
  assert.equal(configs[1]!.webhooks[0]!.namespaceSelector, { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['kube-node-lease', 'kube-public', 'kube-system'] }] });
});

test('out of cluster the URL carries the path (one trailing slash trimmed)', () => {
  const [dp, np] = planWebhookConfigs(exampleKatalog('gateway'), LOCAL);
  assert.equal(dp!.webhooks[0]!.clientConfig, { url: 'https://127.0.0.1:8443/deletion-protection', caBundle: 'Q0E=' });
  assert.equal(np!.webhooks[0]!.clientConfig, { url: 'https://127.0.0.1:8443/namespace-protection', caBundle: 'Q0E=' });
});

test('every option on: CRD, CRs, strict mode, placement and writes webhooks', () => {
  const [dp, np] = planWebhookConfigs(FULL, IN_CLUSTER);
  assert.equal(dp!.webhooks.map((w) => [w.name, w.failurePolicy]), [
    ['labels.deletion-protection.orkestra.io', 'Ignore'], ['evictions.deletion-protection.orkestra.io', 'Ignore'], ['crds.deletion-protection.orkestra.io', 'Ignore'],
    ['custom-resources.deletion-protection.orkestra.io', 'Ignore'], ['strict-mode.deletion-protection.orkestra.io', 'Ignore'],
  ]);
  assert.equal(dp!.webhooks[2]!.matchConditions, [{ name: 'katalog-crd', expression: "request.name in ['apps.demo.example.com']" }]);
  assert.equal(dp!.webhooks[3]!.rules, [{ operations: ['DELETE'], apiGroups: ['demo.example.com'], apiVersions: ['*'], resources: ['apps'], scope: '*' }]);
  // Issue 12, finding 3: every subresource (status changes labels on Pods, Services, Namespaces), sent only when the label goes.
  assert.equal(dp!.webhooks[4]!.rules, [{ operations: ['UPDATE'], apiGroups: ['*'], apiVersions: ['*'], resources: ['*/*'], scope: '*' }]);
  assert.equal(dp!.webhooks[4]!.matchConditions, [{ name: 'label-taken-away', expression: "!has(object.metadata.labels) || !('orkestra.io/deletion-protection' in object.metadata.labels) || object.metadata.labels['orkestra.io/deletion-protection'] != 'true'" }]);
  assert.equal(np!.webhooks.map((w) => w.name), ['namespaces.namespace-protection.orkestra.io', 'placement.namespace-protection.orkestra.io', 'writes.namespace-protection.orkestra.io']);
  assert.equal(np!.webhooks[1]!.namespaceSelector, { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['orkestra-system', 'team-a'] }] });
  assert.equal(np!.webhooks[2]!.matchConditions.map((c) => c.name), ['not-control-plane', 'not-node', 'not-system-service-account']);
  assert.ok(np!.webhooks[2]!.matchConditions[2]!.expression.includes("'system:serviceaccount:orkestra-system:'"));
});

test('placement without allowedNamespaces is scoped to the restricted ones', () => {
  const k = katalogFrom(`apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata: {name: shop}
security:
  namespaceProtection: {restrictedNamespaces: [prod, orkestra-system]}
spec:
  crds:
    app:
      apiTypes: {group: demo.example.com, version: v1, kind: App, plural: apps}
      operatorBox: {onCreate: {configMaps: [{data: {a: b}}]}}
`);
  const [np] = planWebhookConfigs(k, IN_CLUSTER);
  assert.equal(np!.metadata.name, 'orkestra-namespace-protection');
  assert.equal(np!.webhooks[1]!.namespaceSelector.matchExpressions![0]!.values, ['kube-node-lease', 'kube-public', 'kube-system', 'prod'], 'the gateway namespace is dropped');
});

test('every planned configuration passes the official OpenAPI schema', () => {
  for (const c of [...planWebhookConfigs(FULL, IN_CLUSTER), ...planWebhookConfigs(FULL, LOCAL)]) {
    new ValidatingWebhookConfiguration(JSON.parse(JSON.stringify(c)) as never).validate();
  }
});

test('disabled protections plan nothing', () => {
  const k = katalogFrom(`apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata: {name: x}
gateway: {standalone: true}
security:
  deletionProtection: {enabled: false}
  namespaceProtection: {enabled: true}
spec: {}
`);
  assert.equal(planWebhookConfigs(k, IN_CLUSTER).map((c) => c.metadata.name), ['orkestra-namespace-protection']);
});

// What the API server returns: defaults added, empty values dropped, keys in another order.
function asServed(config: unknown): Record<string, unknown> {
  const c = JSON.parse(JSON.stringify(config)) as { metadata: Record<string, unknown>; webhooks: Record<string, unknown>[] };
  c.metadata['resourceVersion'] = '12';
  c.metadata['managedFields'] = [{ manager: 'ork' }];
  for (const w of c.webhooks) {
    if (Array.isArray(w['matchConditions']) && w['matchConditions'].length === 0) delete w['matchConditions'];
    if (JSON.stringify(w['objectSelector']) === '{}') w['objectSelector'] = {};
    w['reinvocationPolicy'] = 'Never';
  }
  return c;
}

test('drift: the served copy of a planned configuration is in sync', () => {
  for (const c of planWebhookConfigs(FULL, IN_CLUSTER)) assert.equal(webhookConfigDrift(asServed(c), c), { type: 'in-sync' });
});

const edits: [string, (c: { metadata: { labels: Record<string, string> }; webhooks: Record<string, unknown>[] }) => void, string[]][] = [
  ['failurePolicy flipped', (c) => { c.webhooks[0]!['failurePolicy'] = 'Fail'; }, ['webhooks[labels.deletion-protection.orkestra.io].failurePolicy']],
  ['objectSelector widened', (c) => { c.webhooks[0]!['objectSelector'] = {}; }, ['webhooks[labels.deletion-protection.orkestra.io].objectSelector']],
  ['caBundle replaced', (c) => { (c.webhooks[0]!['clientConfig'] as Record<string, unknown>)['caBundle'] = 'eA=='; }, ['webhooks[labels.deletion-protection.orkestra.io].clientConfig']],
  ['a webhook entry removed', (c) => { c.webhooks.splice(4, 1); }, ['webhooks[strict-mode.deletion-protection.orkestra.io]']],
  ['a foreign entry added', (c) => { c.webhooks.push({ name: 'evil.example.com' }); }, ['webhooks[evil.example.com]']],
  ['a label removed', (c) => { delete c.metadata.labels['app.kubernetes.io/managed-by']; }, ['metadata.labels.app.kubernetes.io/managed-by']],
];
for (const [name, edit, fields] of edits) {
  test(`drift: ${name}`, () => {
    const desired = planWebhookConfigs(FULL, IN_CLUSTER)[0]!;
    const served = asServed(desired) as Parameters<(typeof edits)[number][1]>[0];
    edit(served);
    assert.equal(webhookConfigDrift(served, desired), { type: 'drifted', fields });
  });
}

test('drift: a deleted configuration is missing', () => {
  const desired = planWebhookConfigs(FULL, IN_CLUSTER)[0]!;
  assert.equal(webhookConfigDrift(undefined, desired), { type: 'missing' });
});

test.run();

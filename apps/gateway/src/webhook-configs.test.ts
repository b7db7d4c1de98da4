import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { fakeCluster } from '@orkestra/lib/testing';
import { planWebhookConfigs } from '@orkestra/lib/gateway';
import { deleteWebhookConfigs, ensureWebhookConfigs, WEBHOOK_CONFIGS } from './webhook-configs.ts';
import { gatewayKatalog } from './gateway.test-support.ts';

const test = suite('webhook configurations');
const desired = (caBundle = 'Q0E=') => planWebhookConfigs(gatewayKatalog(), { endpoint: { type: 'url', url: 'https://127.0.0.1:8443' }, caBundle, gatewayNamespace: 'orkestra-system' });

test('creates missing configurations, then leaves them alone', async () => {
  const cluster = fakeCluster();
  const first = await ensureWebhookConfigs(cluster, desired());
  assert.equal(first, [{ name: 'orkestra-deletion-protection', type: 'created' }, { name: 'orkestra-namespace-protection', type: 'created' }]);
  const again = await ensureWebhookConfigs(cluster, desired());
  assert.equal(again.map((o) => o.type), ['unchanged', 'unchanged']);
  assert.is(cluster.calls('update'), 0);
});

test('re-applies a drifted configuration and a new caBundle, with get/create/update only', async () => {
  const cluster = fakeCluster();
  await ensureWebhookConfigs(cluster, desired());
  const got = await cluster.get({ resource: WEBHOOK_CONFIGS, name: 'orkestra-deletion-protection' });
  if (!got.ok) throw new Error('missing');
  const hooks = got.value['webhooks'] as Record<string, unknown>[];
  await cluster.update(WEBHOOK_CONFIGS, { ...got.value, webhooks: [{ ...hooks[0], failurePolicy: 'Ignore' }, { name: 'extra.example.com' }] });
  const r = await ensureWebhookConfigs(cluster, desired());
  assert.is(r[0]?.type, 'updated');
  assert.ok(r[0]?.type === 'updated' && r[0].fields.includes('webhooks[labels.deletion-protection.orkestra.io].failurePolicy'));
  const fixed = await cluster.get({ resource: WEBHOOK_CONFIGS, name: 'orkestra-deletion-protection' });
  assert.equal(fixed.ok && fixed.value['webhooks'], desired()[0]!.webhooks, 'the extra entry is gone too');
  const rotated = await ensureWebhookConfigs(cluster, desired('TkVX'));
  assert.equal(rotated.map((o) => o.type), ['updated', 'updated']);
  assert.is(cluster.calls('apply') + cluster.calls('patchMetadata') + cluster.calls('list') + cluster.calls('delete'), 0);
});

test('an API failure is reported per configuration', async () => {
  const cluster = fakeCluster();
  cluster.failNext('create', { type: 'forbidden', message: 'forbidden' });
  const r = await ensureWebhookConfigs(cluster, desired());
  assert.equal(r.map((o) => o.type), ['failed', 'created']);
});

test('cleanup deletes the named configurations; a missing one counts as deleted', async () => {
  const cluster = fakeCluster();
  await ensureWebhookConfigs(cluster, desired());
  const r = await deleteWebhookConfigs(cluster, ['orkestra-deletion-protection', 'orkestra-deletion-protection']);
  assert.equal(r, [{ name: 'orkestra-deletion-protection' }, { name: 'orkestra-deletion-protection' }]);
  const gone = await cluster.get({ resource: WEBHOOK_CONFIGS, name: 'orkestra-deletion-protection' });
  assert.is(!gone.ok && gone.error.type, 'not-found');
  assert.ok((await cluster.get({ resource: WEBHOOK_CONFIGS, name: 'orkestra-namespace-protection' })).ok);
});

test.run();

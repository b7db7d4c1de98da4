import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { fakeClock, fakeCluster, fakeLogger } from '@orkestra/lib/testing';
import { planWebhookConfigs } from '@orkestra/lib/gateway';
import { CertManager, SECRETS } from './cert-manager.ts';
import { HOUSEKEEPER_PAUSED_ANNOTATION, TLS_SECRET } from './cert-secret.ts';
import { Housekeeper, type HousekeeperDeps } from './housekeeper.ts';
import { WEBHOOK_CONFIGS } from './webhook-configs.ts';
import { gatewayKatalog } from './gateway.test-support.ts';

const test = suite('Housekeeper');
const NS = 'orkestra-system';

function setup(over: Partial<HousekeeperDeps> = {}) {
  const clock = fakeClock();
  const cluster = fakeCluster({ clock });
  const log = fakeLogger();
  const katalog = gatewayKatalog();
  const certs = new CertManager({
    cluster, clock, namespace: NS, log,
    policy: { validForMs: 365 * 86_400_000, rotationThresholdMs: 30 * 86_400_000, algorithm: 'ECDSA-P256', autoRotate: true, sans: ['localhost', '127.0.0.1'] },
  });
  const checks: string[] = [];
  const hk = new Housekeeper({
    cluster, clock, log, namespace: NS, envPaused: false, certs,
    planConfigs: (bundle) => planWebhookConfigs(katalog, { endpoint: { type: 'url', url: 'https://127.0.0.1:8443' }, caBundle: Buffer.from(bundle).toString('base64'), gatewayNamespace: NS }),
    selfCheck: async (bundle) => { checks.push(bundle); return undefined; },
    ...over,
  });
  return { clock, cluster, log, hk, checks };
}

const exists = async (cluster: ReturnType<typeof fakeCluster>, name: string) => (await cluster.get({ resource: WEBHOOK_CONFIGS, name })).ok;

test('recreates a deleted configuration after the self-check answered', async () => {
  const { cluster, hk, log, checks } = setup();
  await hk.pass();
  assert.ok(hk.configsApplied());
  await cluster.delete({ resource: WEBHOOK_CONFIGS, name: 'orkestra-deletion-protection' });
  const r = await hk.pass();
  assert.ok(r.type === 'done' && r.configs.some((c) => c.name === 'orkestra-deletion-protection' && c.type === 'created'));
  assert.ok(await exists(cluster, 'orkestra-deletion-protection'));
  assert.is(checks.length, 2);
  assert.ok(log.lines.some((l) => l.msg === 'webhook configuration created' && l.fields['name'] === 'orkestra-deletion-protection'));
  assert.is(hk.counts().repairs, 3);
});

test('a failing self-check writes no configuration', async () => {
  const { cluster, hk, log } = setup({ selfCheck: async () => 'connection refused' });
  const r = await hk.pass();
  assert.ok(r.type === 'done' && r.selfCheckError === 'connection refused');
  assert.not.ok(await exists(cluster, 'orkestra-deletion-protection'));
  assert.not.ok(hk.configsApplied());
  assert.ok(log.lines.some((l) => l.msg === 'housekeeper self-check failed'));
});

test('HOUSEKEEPER_PAUSED: does nothing at all, and says so once', async () => {
  const { cluster, hk, log } = setup({ envPaused: true });
  assert.equal(await hk.pass(), { type: 'paused', by: 'HOUSEKEEPER_PAUSED' });
  await hk.pass();
  for (const m of ['get', 'create', 'update', 'delete', 'apply'] as const) assert.is(cluster.calls(m), 0, m);
  assert.is(log.lines.filter((l) => l.msg === 'housekeeper paused').length, 1);
});

test('the Secret annotation pauses a running housekeeper and removing it resumes', async () => {
  const { cluster, hk, log } = setup();
  await hk.pass();
  const got = await cluster.get({ resource: SECRETS, namespace: NS, name: TLS_SECRET });
  if (!got.ok) throw new Error('no secret');
  await cluster.patchMetadata({ resource: SECRETS, namespace: NS, name: TLS_SECRET }, { annotations: { [HOUSEKEEPER_PAUSED_ANNOTATION]: 'true' } }, 'kubectl');
  await cluster.delete({ resource: WEBHOOK_CONFIGS, name: 'orkestra-deletion-protection' });
  assert.equal(await hk.pass(), { type: 'paused', by: 'annotation' });
  assert.not.ok(await exists(cluster, 'orkestra-deletion-protection'), 'break glass: stays deleted');
  assert.ok(hk.paused());
  await cluster.patchMetadata({ resource: SECRETS, namespace: NS, name: TLS_SECRET }, { annotations: { [HOUSEKEEPER_PAUSED_ANNOTATION]: null } }, 'kubectl');
  await hk.pass();
  assert.ok(await exists(cluster, 'orkestra-deletion-protection'));
  assert.ok(log.lines.some((l) => l.msg === 'housekeeper resumed'));
});

test('restores a deleted Secret and keeps the published bundle', async () => {
  const { cluster, hk } = setup();
  await hk.pass();
  const bundle = hk.snapshot()?.caBundlePem;
  await cluster.delete({ resource: SECRETS, namespace: NS, name: TLS_SECRET });
  await hk.pass();
  assert.ok((await cluster.get({ resource: SECRETS, namespace: NS, name: TLS_SECRET })).ok);
  assert.is(hk.snapshot()?.caBundlePem, bundle);
});

test.run();

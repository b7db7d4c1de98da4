import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { fakeClock, fakeCluster, fakeLogger } from '@orkestra/lib/testing';
import type { CertRotationPolicy } from '@orkestra/lib/gateway';
import { CertManager, SECRETS } from './cert-manager.ts';
import { certFacts, KEYS, readSecretState, splitPem, TLS_SECRET } from './cert-secret.ts';

const test = suite('CertManager');
const NS = 'orkestra-system';
const policy = (over: Partial<CertRotationPolicy> = {}): CertRotationPolicy => ({
  validForMs: 2 * 365 * 86_400_000, rotationThresholdMs: 30 * 86_400_000, algorithm: 'ECDSA-P256', autoRotate: true,
  sans: ['orkestra-gateway', 'orkestra-gateway.orkestra-system.svc', 'localhost', '127.0.0.1'], ...over,
});

async function secretOf(cluster: ReturnType<typeof fakeCluster>) {
  const got = await cluster.get({ resource: SECRETS, namespace: NS, name: TLS_SECRET });
  return got.ok ? got.value : undefined;
}

test('first start creates the Secret with a CA, a serving certificate it signed, and the bundle', async () => {
  const clock = fakeClock();
  const cluster = fakeCluster({ clock });
  const r = await new CertManager({ cluster, clock, namespace: NS, policy: policy(), log: fakeLogger() }).sync();
  assert.is(r.type, 'ok');
  if (r.type !== 'ok') return;
  assert.equal(r.snapshot.actions, ['generate-ca (missing)', 'set-ca-bundle (new-ca, 1 CAs)', 'issue-serving (missing)']);
  const secret = await secretOf(cluster);
  assert.ok(secret);
  assert.equal(Object.keys(secret!['data'] as object).sort(), [KEYS.bundle, KEYS.caCert, KEYS.caKey, KEYS.cert, KEYS.key].sort());
  const state = readSecretState(secret);
  assert.is(state.serving?.facts.issuerFingerprint, state.ca?.facts.fingerprint);
  assert.equal([...(state.serving?.facts.sans ?? [])].sort(), [...policy().sans].sort());
  assert.is(state.bundleChangedMs, clock.now());
  assert.is(splitPem(r.snapshot.caBundlePem).length, 1);
});

test('a restart reuses a valid Secret without writing', async () => {
  const clock = fakeClock();
  const cluster = fakeCluster({ clock });
  const first = await new CertManager({ cluster, clock, namespace: NS, policy: policy(), log: fakeLogger() }).sync();
  const writes = cluster.calls('create') + cluster.calls('update');
  clock.advance(60_000);
  const again = await new CertManager({ cluster, clock, namespace: NS, policy: policy(), log: fakeLogger() }).sync();
  assert.ok(first.type === 'ok' && again.type === 'ok');
  if (first.type !== 'ok' || again.type !== 'ok') return;
  assert.equal(again.snapshot.actions, []);
  assert.is(again.snapshot.serving.certPem, first.snapshot.serving.certPem);
  assert.is(cluster.calls('create') + cluster.calls('update'), writes);
});

test('rotation publishes the new CA beside the old one before the serving certificate switches', async () => {
  const clock = fakeClock();
  const cluster = fakeCluster({ clock });
  const p = policy({ validForMs: 180_000, rotationThresholdMs: 120_000 });
  const cm = new CertManager({ cluster, clock, namespace: NS, policy: p, log: fakeLogger() });
  const first = await cm.sync();
  if (first.type !== 'ok') throw new Error(first.message);
  clock.advance(61_000); // 119 s left on the CA: due
  const due = await cm.sync();
  if (due.type !== 'ok') throw new Error(due.message);
  assert.equal(due.snapshot.actions, ['generate-ca (expiring)', 'set-ca-bundle (new-ca, 2 CAs)']);
  assert.is(due.snapshot.serving.certPem, first.snapshot.serving.certPem, 'still serving the old certificate');
  const bundle = splitPem(due.snapshot.caBundlePem);
  assert.is(bundle.length, 2);
  assert.is(bundle[0], splitPem(first.snapshot.caBundlePem)[0], 'the old CA stays first');
  assert.ok(due.snapshot.recheckAtMs <= clock.now() + 10_000);

  clock.advance(5_000);
  const early = await cm.sync();
  assert.ok(early.type === 'ok' && early.snapshot.actions.length === 0, 'waits for the CA to propagate');

  clock.advance(6_000);
  const switched = await cm.sync();
  if (switched.type !== 'ok') throw new Error(switched.message);
  assert.equal(switched.snapshot.actions, ['issue-serving (new-ca)']);
  const newCa = certFacts(bundle[1]!)!;
  const serving = certFacts(switched.snapshot.serving.certPem, [{ pem: bundle[1]!, facts: newCa }])!;
  assert.is(serving.issuerFingerprint, newCa.fingerprint, 'signed by the new CA');
  assert.is(splitPem(switched.snapshot.caBundlePem).length, 2, 'the old CA stays until it expires');
});

test('a deleted Secret is restored with the same certificates, not regenerated', async () => {
  const clock = fakeClock();
  const cluster = fakeCluster({ clock });
  const cm = new CertManager({ cluster, clock, namespace: NS, policy: policy(), log: fakeLogger() });
  const first = await cm.sync();
  await cluster.delete({ resource: SECRETS, namespace: NS, name: TLS_SECRET });
  const restored = await cm.sync();
  assert.ok(first.type === 'ok' && restored.type === 'ok');
  if (first.type !== 'ok' || restored.type !== 'ok') return;
  assert.equal(restored.snapshot.actions, ['restore-secret']);
  assert.is(restored.snapshot.caBundlePem, first.snapshot.caBundlePem);
  assert.ok(await secretOf(cluster));
});

test('an API failure is an error result, not an exception', async () => {
  const clock = fakeClock();
  const cluster = fakeCluster({ clock });
  cluster.failNext('get', { type: 'forbidden', message: 'secrets is forbidden' });
  const r = await new CertManager({ cluster, clock, namespace: NS, policy: policy(), log: fakeLogger() }).sync();
  assert.is(r.type, 'error');
  assert.match(r.type === 'error' ? r.message : '', /secrets is forbidden/);
});

test.run();

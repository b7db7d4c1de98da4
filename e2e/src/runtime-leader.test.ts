// Two runtime replicas on one Lease, with only the bundle's RBAC: one leads and reconciles, the
// other waits; SIGTERM releases the Lease and the follower takes over without waiting for expiry.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { kubectlJson, kubectlOk } from './harness/kubectl.ts';
import { cleanupNamespaces } from './harness/namespace.ts';
import { waitFor } from './harness/wait.ts';
import { installForRuntime } from './harness/install-for-runtime.ts';
import { said, startRuntime, stopRuntime, type RuntimeProcess } from './harness/runtime-process.ts';

const KATALOG = 'examples/starter/katalog.yaml';

const test = suite('ork run: leader election between two replicas');
const replicas: RuntimeProcess[] = [];
let ns = '';
let kubeconfig = '';

// Lease timings short enough for a test, and valid: 4 s > 3 s > 1 s × 1.2.
function start(): RuntimeProcess {
  const replica = startRuntime(KATALOG, { KUBECONFIG: kubeconfig, ORK_NAMESPACE: ns, LEASE_DURATION: '4', RENEW_DEADLINE: '3', RETRY_PERIOD: '1', DEFAULT_RESYNC: '2s' });
  replicas.push(replica);
  return replica;
}

const stop = (replica: RuntimeProcess): Promise<number | null> => stopRuntime(replica);

test.before(() => {
  const install = installForRuntime(KATALOG, 'leader');
  ns = install.namespace;
  kubeconfig = install.kubeconfig;
});

test.after(async () => {
  try {
    await Promise.all(replicas.splice(0).map(stop));
  } finally {
    cleanupNamespaces();
  }
});

test('one replica leads and reconciles, the other follows; SIGTERM hands the Lease over at once', async () => {
  const a = start();
  await waitFor('replica A to lead', () => (said(a, 'became leader') ? true : undefined), 30_000);
  const b = start();
  await waitFor('replica B to sync its caches', () => (said(b, 'caches synced') ? true : undefined), 30_000);
  kubectlOk(['apply', '-f', '-'], {
    namespace: ns,
    input: JSON.stringify({ apiVersion: 'demo.orkestra.io/v1alpha1', kind: 'Website', metadata: { name: 'led' }, spec: {} }),
  });
  await waitFor('the leader to reconcile', () => (a.lines.some((l) => l['msg'] === 'reconciled' && l['name'] === 'led') ? true : undefined), 30_000);
  // Two lease durations: long enough for a follower that ignored the Lease to have taken over.
  await new Promise((resolve) => setTimeout(resolve, 8_000));
  assert.not.ok(said(b, 'became leader'), 'the follower took the Lease while the leader renewed it');
  assert.not.ok(said(b, 'reconciled'), 'the follower wrote');

  const stoppedAt = Date.now();
  assert.is(await stop(a), 0);
  assert.ok(said(a, 'lease released'));
  await waitFor('replica B to lead', () => (said(b, 'became leader') ? true : undefined), 10_000);
  // A released Lease is taken at the next retry (≤ 2.2 s), not after the 4 s lease duration.
  assert.ok(Date.now() - stoppedAt < 4_000, `takeover took ${Date.now() - stoppedAt} ms`);
  const lease = kubectlJson<{ spec: { holderIdentity?: string; leaseTransitions?: number } }>(['get', 'lease', 'orkestra-runtime'], { namespace: ns });
  assert.is(lease.spec.holderIdentity, b.lines.find((l) => l['msg'] === 'became leader')!['identity']);
  assert.is(lease.spec.leaseTransitions, 1);
  // The new leader handles the deletion, so the namespace is not left with a finalizer nobody removes.
  kubectlOk(['delete', 'website', 'led', '--timeout', '30s'], { namespace: ns });
  assert.is(await stop(b), 0);
  for (const r of [a, b]) assert.is(r.lines.find((l) => l['msg'] === 'runtime stopped')?.['forbidden'], 0);
});

test.run();

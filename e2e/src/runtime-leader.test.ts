// Two runtime replicas on one Lease, with only the bundle's RBAC: one leads and reconciles, the
// other waits; SIGTERM releases the Lease and the follower takes over without waiting for expiry;
// after a SIGKILL (no release) the follower takes over once the Lease expires on its own clock.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { OWNER_LABEL } from '@orkestra/lib/children';
import { kubectl, kubectlJson, kubectlOk } from './harness/kubectl.ts';
import { cleanupNamespaces } from './harness/namespace.ts';
import { waitFor } from './harness/wait.ts';
import { installForRuntime } from './harness/install-for-runtime.ts';
import { killRuntime, said, saidAtMs, startRuntime, stopRuntime, type RuntimeProcess } from './harness/runtime-process.ts';

const KATALOG = 'examples/starter/katalog.yaml';

const test = suite('ork run: leader election between two replicas');
const replicas: RuntimeProcess[] = [];
let ns = '';
let kubeconfig = '';

// Lease timings short enough for a test, and valid: 4 s > 3 s > 1 s × 1.2.
const LEASE_DURATION_MS = 4_000;
const RETRY_PERIOD_MS = 1_000;
function start(): RuntimeProcess {
  const replica = startRuntime(KATALOG, {
    KUBECONFIG: kubeconfig, ORK_NAMESPACE: ns, LEASE_DURATION: String(LEASE_DURATION_MS / 1000), RENEW_DEADLINE: '3',
    RETRY_PERIOD: String(RETRY_PERIOD_MS / 1000), DEFAULT_RESYNC: '2s',
  });
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

interface Website {
  metadata: { generation?: number };
  status?: { observedGeneration?: number; conditions?: { type: string; status: string; observedGeneration?: number }[] };
}

function websiteReadyAt(name: string, generation: number): boolean {
  const r = kubectl(['get', 'website', name, '-o', 'json'], { namespace: ns });
  if (r.status !== 0) return false;
  const cr = JSON.parse(r.stdout) as Website;
  const ready = cr.status?.conditions?.find((c) => c.type === 'Applied');
  return cr.metadata.generation === generation && cr.status?.observedGeneration === generation && ready?.status === 'True' && ready.observedGeneration === generation;
}

function deploymentReplicasOf(site: string): number | undefined {
  const list = kubectlJson<{ items: { spec?: { replicas?: number } }[] }>(['get', 'deployments', '-l', `${OWNER_LABEL}=${site}`], { namespace: ns });
  return list.items.length === 1 ? list.items[0]!.spec?.replicas : undefined;
}

test('SIGKILL of the leader: the follower takes over after the lease duration and reconciles what changed meanwhile', async () => {
  const a = start();
  await waitFor('replica A to lead', () => (said(a, 'became leader') ? true : undefined), 30_000);
  const b = start();
  await waitFor('replica B to sync its caches', () => (said(b, 'caches synced') ? true : undefined), 30_000);
  kubectlOk(['apply', '-f', '-'], {
    namespace: ns,
    input: JSON.stringify({ apiVersion: 'demo.orkestra.io/v1alpha1', kind: 'Website', metadata: { name: 'crashed' }, spec: { replicas: 1 } }),
  });
  await waitFor('A to make the Website Ready', () => (websiteReadyAt('crashed', 1) ? true : undefined), 30_000);
  assert.is(deploymentReplicasOf('crashed'), 1);
  assert.not.ok(said(b, 'became leader'), 'B led while A renewed');

  const killedAtMs = Date.now();
  assert.is(await killRuntime(a), 'SIGKILL');
  // Changed while nobody leads: only B, once it holds the Lease, can bring the Deployment along.
  kubectlOk(['patch', 'website', 'crashed', '--type', 'merge', '-p', '{"spec":{"replicas":2}}'], { namespace: ns });
  assert.not.ok(said(a, 'lease released'), 'a killed replica cannot release the Lease');

  // The bound: lease duration + 2 s after the kill. spec/runtime.md §4: B watches A's Lease
  // every retryPeriod (1 s, no jitter) and looks again exactly when it would expire, so it takes
  // over at most leaseDuration + retryPeriod after A's last renewal (which was before the kill).
  const bound = LEASE_DURATION_MS + 2_000;
  await waitFor('replica B to lead', () => (said(b, 'became leader') ? true : undefined), bound + 5_000);
  const takeoverMs = saidAtMs(b, 'became leader')! - killedAtMs;
  process.stderr.write(`e2e: SIGKILL takeover in ${takeoverMs} ms\n`);
  assert.ok(takeoverMs <= bound, `takeover took ${takeoverMs} ms after the kill (bound ${bound} ms)`);
  // A released Lease is taken within a retry; a killed leader's must first expire. A renewed at most
  // one retry period (1 s, plus the request) before the kill.
  assert.ok(takeoverMs >= LEASE_DURATION_MS - 1_500, `B took an unexpired Lease ${takeoverMs} ms after the kill`);

  await waitFor('the Deployment to follow spec.replicas 2', () => (deploymentReplicasOf('crashed') === 2 ? true : undefined), 30_000);
  await waitFor('Ready for generation 2', () => (websiteReadyAt('crashed', 2) ? true : undefined), 30_000);
  // B logs after its last effect (the Event), which may come after the status we just read.
  await waitFor('B to log its reconcile', () => (b.lines.some((l) => l['msg'] === 'reconciled' && l['name'] === 'crashed') ? true : undefined), 10_000);
  const lease = kubectlJson<{ spec: { holderIdentity?: string } }>(['get', 'lease', 'orkestra-runtime'], { namespace: ns });
  assert.is(lease.spec.holderIdentity, b.lines.find((l) => l['msg'] === 'became leader')!['identity']);

  // B handles the deletion, so no finalizer is left behind for a runtime that no longer runs.
  kubectlOk(['delete', 'website', 'crashed', '--timeout', '30s'], { namespace: ns });
  assert.is(await stop(b), 0);
  assert.is(b.lines.find((l) => l['msg'] === 'runtime stopped')?.['forbidden'], 0);
});

test.run();

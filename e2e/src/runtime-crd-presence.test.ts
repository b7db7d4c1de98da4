// Issue 12, finding 7: a CRD deleted under a running runtime left `/health` at "healthy", and a
// re-created CRD was picked up only ~50 s later (the CR informer's list backoff). The runtime now
// polls its CRD by name (and at once when the CR watch answers 404): `/health` answers 503 with the
// CRD `waiting-for-crd` within seconds, and the CRD's return wakes the informers, so a Website
// created right after it is reconciled without waiting out the backoff. Runs against the real API
// server under the bundle's ServiceAccount; ends with `forbidden: 0`.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { kubectl, kubectlOk } from './harness/kubectl.ts';
import { cleanupNamespaces } from './harness/namespace.ts';
import { waitFor } from './harness/wait.ts';
import { applyKatalogCrds, installForRuntime } from './harness/install-for-runtime.ts';
import { httpBase, said, startRuntime, stopRuntime, type RuntimeProcess } from './harness/runtime-process.ts';

const KATALOG = 'examples/starter/katalog.yaml';
const CRD = 'websites.demo.orkestra.io';

const test = suite('ork run: /health follows the CRD being deleted and re-created');
let runtime: RuntimeProcess | undefined;
let ns = '';

interface Health { status: number; state: string | undefined }

async function health(r: RuntimeProcess): Promise<Health> {
  const res = await fetch(`${await httpBase(r)}/health`);
  const body = (await res.json()) as { crds?: { name: string; state: string }[] };
  return { status: res.status, state: body.crds?.find((c) => c.name === 'website')?.state };
}

/** Polls /health every 100 ms until it answers `status` with website in `state`; resolves with the ms it took. */
async function healthWithin(r: RuntimeProcess, status: number, state: string, timeoutMs: number): Promise<number> {
  const start = Date.now();
  let last: Health | undefined;
  for (;;) {
    last = await health(r);
    if (last.status === status && last.state === state) return Date.now() - start;
    if (Date.now() - start > timeoutMs) throw new Error(`/health never answered ${status} with website ${state} in ${timeoutMs} ms; last: ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// Applied, not Ready: no kubelet runs the Deployment here, so Ready stays False (ChildrenNotReady).
const appliedOf = (name: string): string | undefined => {
  const r = kubectl(['get', 'website', name, '-o', 'jsonpath={.status.conditions[?(@.type=="Applied")].status}'], { namespace: ns });
  return r.status === 0 ? r.stdout.trim() : undefined;
};

function createWebsite(name: string): void {
  kubectlOk(['apply', '-f', '-'], {
    namespace: ns,
    input: JSON.stringify({ apiVersion: 'demo.orkestra.io/v1alpha1', kind: 'Website', metadata: { name }, spec: { replicas: 1 } }),
  });
}

test.before(() => {
  const install = installForRuntime(KATALOG, 'crd-presence');
  ns = install.namespace;
  runtime = startRuntime(KATALOG, {
    KUBECONFIG: install.kubeconfig, ORK_NAMESPACE: ns,
    LEASE_DURATION: '4', RENEW_DEADLINE: '3', RETRY_PERIOD: '1',
  });
});

test.after(async () => {
  try {
    const r = runtime;
    runtime = undefined;
    if (r) await stopRuntime(r);
  } finally {
    // The next file starts its own control plane, but leave the CRD as installs expect it.
    applyKatalogCrds(KATALOG);
    cleanupNamespaces();
  }
});

test('a Website is Ready and /health is 200 healthy', async () => {
  const r = runtime!;
  await waitFor('the runtime to lead with synced caches', () => (said(r, 'became leader') && said(r, 'caches synced') ? true : undefined), 30_000);
  createWebsite('before');
  await waitFor('Applied=True', () => (appliedOf('before') === 'True' ? true : undefined), 30_000);
  await healthWithin(r, 200, 'healthy', 10_000);
});

test('deleting the CRD: /health 503 with website waiting-for-crd within seconds, the runtime keeps running', async () => {
  const r = runtime!;
  const start = Date.now();
  // The CR carries the runtime's finalizer: the runtime itself lets the CRD's deletion finish.
  kubectlOk(['delete', 'crd', CRD, '--wait=false']);
  const ms = await healthWithin(r, 503, 'waiting-for-crd', 15_000);
  console.log(`  /health 503 waiting-for-crd ${ms} ms after kubectl delete crd`);
  await waitFor('the CRD to be gone', () => (kubectl(['get', 'crd', CRD]).status !== 0 ? true : undefined), 60_000);
  console.log(`  CRD gone ${Date.now() - start} ms after kubectl delete crd`);
  assert.ok(said(r, 'CRD deleted: waiting for it to return'), 'the log says why');
  // Still waiting a few seconds later, and still the same process.
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  assert.equal(await health(r), { status: 503, state: 'waiting-for-crd' });
  assert.is(r.child.exitCode, null, `the runtime exited; stderr: ${r.stderr.join('')}`);
  // Seen by the endpoint the Control Center reads too.
  const report = (await (await fetch(`${await httpBase(r)}/katalog/website/health`)).json()) as { state: string };
  assert.is(report.state, 'waiting-for-crd');
});

test('re-creating the CRD: a new Website is Ready within seconds and /health is 200 healthy again', async () => {
  const r = runtime!;
  applyKatalogCrds(KATALOG);
  const start = Date.now();
  createWebsite('after');
  await waitFor('Applied=True on the Website made after the CRD came back', () => (appliedOf('after') === 'True' ? true : undefined), 20_000, 100);
  const readyMs = Date.now() - start;
  console.log(`  Website Ready ${readyMs} ms after the re-created CRD was Established (it was ~50 s before)`);
  await healthWithin(r, 200, 'healthy', 10_000);
  assert.ok(said(r, 'CRD back: listing again'));
  // The Website created before the deletion was deleted with its CRD, and is not back.
  assert.is(appliedOf('before'), undefined);
});

test('the runtime stops with exit 0 and made no forbidden request', async () => {
  kubectlOk(['delete', 'website', 'after', '--timeout', '30s'], { namespace: ns });
  const r = runtime!;
  runtime = undefined;
  assert.is(await stopRuntime(r), 0, `exit code; stderr: ${r.stderr.join('')}`);
  const stopped = r.lines.find((l) => l['msg'] === 'runtime stopped');
  assert.ok(stopped, 'no "runtime stopped" line');
  assert.is(stopped!['forbidden'], 0);
});

test.run();

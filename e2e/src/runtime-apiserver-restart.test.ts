// The API server goes away under a running `ork run` (tools/kube/stop-apiserver) and comes back
// (start-apiserver) with the same data: the runtime keeps running, re-watches, takes the Lease
// again, and converges — a Website created before the outage stays Ready, one created and one
// changed after it are reconciled. Runs under the bundle's `orkestra` ServiceAccount token.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { OWNER_LABEL } from '@orkestra/lib/children';
import { controlPlane, REPO } from './harness/control-plane.ts';
import { kubectl, kubectlOk } from './harness/kubectl.ts';
import { waitFor } from './harness/wait.ts';
import { installForRuntime } from './harness/install-for-runtime.ts';
import { startRuntime, stopRuntime, tearDownRuntime, type RuntimeProcess } from './harness/runtime-process.ts';

const KATALOG = 'examples/starter/katalog.yaml';

interface Obj {
  metadata: { name: string; uid: string; generation?: number };
  spec?: { replicas?: number };
  status?: { observedGeneration?: number; conditions?: { type: string; status: string }[] };
}

const test = suite('ork run: the API server stops and restarts mid-run');
let runtime: RuntimeProcess | undefined;
let ns = '';
let apiserverDown = false;

function getJson<T>(args: string[]): T | undefined {
  const r = kubectl([...args, '-o', 'json'], { namespace: ns });
  return r.status === 0 ? (JSON.parse(r.stdout) as T) : undefined;
}

function website(name: string, replicas: number): void {
  kubectlOk(['apply', '-f', '-'], {
    namespace: ns,
    input: JSON.stringify({ apiVersion: 'demo.orkestra.io/v1alpha1', kind: 'Website', metadata: { name }, spec: { replicas } }),
  });
}

function ready(name: string): Obj | undefined {
  const cr = getJson<Obj>(['get', 'website', name]);
  const r = cr?.status?.conditions?.find((c) => c.type === 'Applied');
  return r?.status === 'True' && cr?.status?.observedGeneration === cr?.metadata.generation ? cr : undefined;
}

function deploymentOf(site: string): Obj | undefined {
  const list = getJson<{ items: Obj[] }>(['get', 'deployments', '-l', `${OWNER_LABEL}=${site}`]);
  return list?.items.length === 1 ? list.items[0] : undefined;
}

/** Runs tools/kube/<script> on this run's control plane; only one we started has a state dir. */
function kubeTool(script: 'stop-apiserver' | 'start-apiserver'): void {
  const stateDir = controlPlane().stateDir;
  if (!stateDir) throw new Error('this test stops the API server and needs the control plane the harness starts (unset ORK_E2E_KUBECONFIG)');
  const r = spawnSync(join(REPO, 'tools/kube', script), [stateDir], { encoding: 'utf8', timeout: 90_000 });
  if (r.status !== 0) throw new Error(`tools/kube/${script} failed (${r.status}): ${r.stderr}`);
}

const count = (r: RuntimeProcess, msg: string) => r.lines.filter((l) => l['msg'] === msg).length;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test.before(() => {
  const install = installForRuntime(KATALOG, 'restart');
  ns = install.namespace;
  runtime = startRuntime(KATALOG, {
    KUBECONFIG: install.kubeconfig, ORK_NAMESPACE: ns, DEFAULT_RESYNC: '2s',
    // Short Lease timings: the outage (~5 s) outlasts the renew deadline, so the runtime also has
    // to step down and win the Lease back, as a real leader would after a long API outage.
    LEASE_DURATION: '4', RENEW_DEADLINE: '3', RETRY_PERIOD: '1',
  });
});

test.after(async () => {
  try {
    // Never leave the shared control plane without its API server for the files after this one.
    if (apiserverDown) kubeTool('start-apiserver');
  } finally {
    const r = runtime;
    runtime = undefined;
    await tearDownRuntime(r);
  }
});

test('a Website reconciled before the outage', async () => {
  website('before', 1);
  await waitFor('the Website "before" to be Ready', () => ready('before'), 60_000);
  await waitFor('its Deployment', () => deploymentOf('before'), 10_000);
});

test('the runtime survives 5 s without an API server and converges afterwards', async () => {
  const r = runtime!;
  const leaderBefore = count(r, 'became leader');
  apiserverDown = true;
  kubeTool('stop-apiserver');
  await sleep(5_000);
  assert.is(r.child.exitCode, null, `the runtime exited while the API server was down; stderr: ${r.stderr.join('')}`);
  kubeTool('start-apiserver');
  apiserverDown = false;

  // It noticed the outage (watches failed, the Lease could not be renewed in time) and won the Lease back.
  assert.ok(r.lines.some((l) => l['msg'] === 'watch failed'), 'no failed watch logged during the outage');
  assert.ok(r.lines.some((l) => l['msg'] === 'leadership lost'), 'leadership survived a 5 s outage with a 3 s renew deadline');
  await waitFor('the runtime to lead again', () => (count(r, 'became leader') > leaderBefore ? true : undefined), 30_000);

  // Something created and something changed after the restart are both reconciled.
  website('after', 1);
  kubectlOk(['patch', 'website', 'before', '--type', 'merge', '-p', '{"spec":{"replicas":2}}'], { namespace: ns });
  await waitFor('the Website "after" to be Ready', () => ready('after'), 60_000);
  await waitFor('its Deployment', () => deploymentOf('after'), 10_000);
  await waitFor('the change to "before" to reach its Deployment', () => (deploymentOf('before')?.spec?.replicas === 2 ? true : undefined), 60_000);
  await waitFor('"before" Ready for its new generation', () => ready('before'), 30_000);
  assert.is(r.child.exitCode, null, 'the runtime is still running');
  assert.not.ok(r.lines.some((l) => l['msg'] === 'controller crashed'), 'a controller crashed');
});

test('deletes still work, and SIGTERM stops it with exit 0', async () => {
  for (const name of ['before', 'after']) kubectlOk(['delete', 'website', name, '--timeout', '30s'], { namespace: ns });
  const r = runtime!;
  runtime = undefined;
  assert.is(await stopRuntime(r), 0, `exit code; stderr: ${r.stderr.join('')}`);
  const stopped = r.lines.find((l) => l['msg'] === 'runtime stopped');
  assert.ok(stopped, 'no "runtime stopped" line');
  // A restarted API server denies requests until its authorizer's caches are filled; after losing
  // the connection the runtime sends nothing until /readyz says 200 (adapters/src/kube/readiness-gate.ts).
  const forbidden = r.lines.filter((l) => /forbidden|403/.test(String(l['err'] ?? '')));
  process.stderr.write(`  apiserver restart: ${String(stopped!['requests'])} requests, ${String(stopped!['forbidden'])} forbidden\n`);
  assert.is(stopped!['forbidden'], 0, `forbidden requests after the restart: ${forbidden.map((l) => `${String(l['msg'])} ${String(l['err'])}`).join('; ')}`);
});

test.run();

// Issue 12, finding 1, against the real API server: with 8 clients sending 6.9 MB reviews straight
// to the webhook port, a small review took 9.9 s, past the API server's 5 s timeout; with
// `failurePolicy: Ignore` the API server then "failed open" and a protected ConfigMap was deleted,
// with `Fail` protected deletes failed instead of being decided. Now small reviews are decided on
// the event loop while large ones wait for the parse worker, and every review is answered within
// its budget. The gateway runs from its bundle (ork-gateway.mjs), as the image does, so the parse
// worker's source is checked where it ships.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startApp } from './harness/app-process.ts';
import { REPO } from './harness/control-plane.ts';
import { kubectl, kubectlOk, type KubectlResult } from './harness/kubectl.ts';
import { freshNamespace } from './harness/namespace.ts';
import { gatewayReady, linesOf, stopGatewayClean, type GatewayProcess } from './harness/gateway-process.ts';
import { installForGateway, tearDownGateway, type GatewayInstall } from './harness/install-for-gateway.ts';
import type { FloodReport } from './harness/review-flood.ts';
import { waitFor } from './harness/wait.ts';
import { deniedBy, exists } from './harness/admission-outcome.ts';

const IGNORE_KATALOG = 'e2e/fixtures/gateway-flood-ignore/katalog.yaml';
const FAIL_KATALOG = 'e2e/fixtures/gateway-flood-fail/katalog.yaml';
const LABEL = 'orkestra.io/deletion-protection';
const WEBHOOK = 'labels.deletion-protection.orkestra.io';
/** The size of issue 12's large reviews. */
const LARGE_BYTES = 6_900_000;
const CLIENTS = 8;
/** The API server's timeoutSeconds for our webhooks. */
const TIMEOUT_MS = 5_000;

const test = suite('ork gate: a flood of large reviews neither delays small ones past the timeout nor opens protection');
let gateway: GatewayProcess | undefined;
let install: GatewayInstall | undefined;
let ws = '';

function deniedByUs(r: KubectlResult): boolean {
  return deniedBy(r, WEBHOOK) !== undefined;
}

async function runGateway(katalog: string, guarded: string): Promise<GatewayProcess> {
  const g = startApp('apps/gateway/dist/ork-gateway.mjs', ['gate', '-f', katalog], {
    ORK_PORT: '0', ORK_HOST: '127.0.0.1', ORK_WEBHOOK_PORT: '0', ORK_WEBHOOK_HOST: '127.0.0.1', HOUSEKEEPER_SYNC_INTERVAL: '2s',
    KUBECONFIG: install!.kubeconfig, ORK_NAMESPACE: install!.namespace,
  }, process.env['ORK_E2E_GATEWAY_LOG']);
  gateway = g;
  await gatewayReady(g);
  await waitFor('the API server to call the gateway', () => (deniedByUs(kubectl(['delete', 'configmap', guarded, '--dry-run=server'], { namespace: ws })) ? true : undefined), 30_000, 200);
  return g;
}

/**
 * Floods the webhook port for as long as `during` runs, probing it with small reviews meanwhile,
 * then reports what both saw. Both are child processes: kubectl calls block this process's event loop.
 */
async function flood<T>(g: GatewayProcess, during: () => Promise<T>): Promise<{ report: FloodReport; result: T }> {
  const port = Number(linesOf(g, 'webhook listening')[0]!['port']);
  const start = (mode: 'large' | 'small') => {
    const child = spawn(process.execPath, [join(REPO, 'e2e/dist/harness/review-flood.js'), mode, String(port), String(CLIENTS), String(LARGE_BYTES), '20', '600'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout!.on('data', (c: Buffer) => { out += c.toString(); });
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    return {
      child,
      async stop(): Promise<FloodReport> {
        child.kill('SIGTERM');
        await exited;
        return JSON.parse(out.trim().split('\n').at(-1)!) as FloodReport;
      },
    };
  };
  const large = start('large');
  let small: ReturnType<typeof start> | undefined;
  try {
    // Let every large client get a review in flight before anything is measured.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    small = start('small');
    const result = await during();
    const s = await small.stop();
    const l = await large.stop();
    return { report: { large: l.large, small: s.small }, result };
  } finally {
    for (const c of [large.child, small?.child]) if (c && c.exitCode === null) c.kill('SIGKILL');
  }
}

/** Ten real deletes of the protected ConfigMap through the API server, timed. */
async function protectedDeletes(guarded: string): Promise<{ denied: number; other: string[]; maxMs: number }> {
  let denied = 0;
  let maxMs = 0;
  const other: string[] = [];
  for (let i = 0; i < 10; i++) {
    const started = Date.now();
    const r = kubectl(['delete', 'configmap', guarded, '--wait=false'], { namespace: ws });
    maxMs = Math.max(maxMs, Date.now() - started);
    if (deniedByUs(r)) denied++;
    else other.push(r.status === 0 ? `deleted: ${r.stdout.trim()}` : r.stderr.trim());
    if (r.status === 0) break;
    // Let the flood's event loop turn (kubectl's spawnSync blocked this one, not the flood's).
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { denied, other, maxMs };
}

function report(policy: string, r: FloodReport, deletes: { denied: number; maxMs: number }, g: GatewayProcess): void {
  const reasons: Record<string, number> = {};
  for (const l of linesOf(g, 'admission review not decided')) reasons[String(l['reason'])] = (reasons[String(l['reason'])] ?? 0) + 1;
  process.stderr.write(`\n  ${policy}: protected deletes denied ${deletes.denied}/10 (slowest ${deletes.maxMs} ms through kubectl); `
    + `small reviews ${r.small.answered} answered, ${r.small.decided} decided, ${r.small.undecided} undecided, p50 ${r.small.p50Ms} ms, p99 ${r.small.p99Ms} ms, max ${r.small.maxMs} ms; `
    + `large reviews ${r.large.answered} answered (${JSON.stringify(r.large.byStatus)}), ${r.large.undecided} undecided (gateway: ${JSON.stringify(reasons)}), ${r.large.errors} errors\n`);
}

function assertHeld(r: FloodReport, deletes: { denied: number; other: string[]; maxMs: number }, guarded: string): void {
  assert.equal(deletes.other, [], 'every protected delete was decided by the gateway: no fail-open, no timeout');
  assert.is(deletes.denied, 10);
  assert.ok(exists(['configmap', guarded], { namespace: ws }), 'the protected ConfigMap is still there');
  assert.ok(r.large.sent >= CLIENTS && r.large.answered >= 1, `large reviews were in flight: ${JSON.stringify(r.large)}`);
  assert.ok(r.small.answered >= 20, `small reviews were sent throughout: ${JSON.stringify(r.small)}`);
  assert.is(r.small.errors, 0);
  assert.is(r.small.undecided, 0, 'no small review waited past the budget');
  assert.is(r.small.decided, r.small.answered);
  assert.ok(r.small.maxMs < TIMEOUT_MS, `the slowest small review took ${r.small.maxMs} ms, under the API server's ${TIMEOUT_MS} ms`);
}

async function stopAndCheck(g: GatewayProcess): Promise<void> {
  gateway = undefined;
  await stopGatewayClean(g);
}

test.before(() => {
  install = installForGateway(IGNORE_KATALOG, 'gw-flood');
  ws = freshNamespace('gw-flood-objs');
  // One protected ConfigMap per test, so that one deleted in the first cannot hide the second's outcome.
  for (const name of ['guarded-ignore', 'guarded-fail']) {
    kubectlOk(['create', 'configmap', name], { namespace: ws });
    kubectlOk(['label', 'configmap', name, `${LABEL}=true`], { namespace: ws });
  }
});

test.after(async () => {
  const g = gateway;
  gateway = undefined;
  await tearDownGateway(g);
});

test('failurePolicy Ignore: under the flood the protected ConfigMap is never deleted', async () => {
  const g = await runGateway(IGNORE_KATALOG, 'guarded-ignore');
  const { report: r, result: deletes } = await flood(g, () => protectedDeletes('guarded-ignore'));
  report('Ignore', r, deletes, g);
  assertHeld(r, deletes, 'guarded-ignore');
  await stopAndCheck(g);
});

test('failurePolicy Fail: under the flood protected deletes are denied by the gateway, not failed by a timeout', async () => {
  // Same install and ServiceAccount; the Katalog now asks for Fail and the housekeeper re-applies it.
  const g = await runGateway(FAIL_KATALOG, 'guarded-fail');
  await waitFor('failurePolicy Fail', () => (kubectlOk(['get', 'validatingwebhookconfiguration', 'orkestra-deletion-protection', '-o', `jsonpath={.webhooks[?(@.name=="${WEBHOOK}")].failurePolicy}`]) === 'Fail' ? true : undefined), 10_000, 200);
  const { report: r, result: deletes } = await flood(g, () => protectedDeletes('guarded-fail'));
  report('Fail', r, deletes, g);
  assertHeld(r, deletes, 'guarded-fail');
  await stopAndCheck(g);
});

test.run();

// bench/peers cannot rot: its smoke mode (20 CRs, one repetition) runs the whole side-by-side
// bench, Orkestra, kro and the controller-runtime operator each on its own fresh control plane, and
// the figures it prints must describe work that really happened. The bench fails no goal; this
// test fails when a measurement could not be made or is not believable.
import { spawn } from 'node:child_process';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { REPO } from './harness/control-plane.ts';

const CRS = 20;
const OPERATORS = ['orkestra', 'kro', 'controller-runtime'] as const;

interface Requests { total: number; writes: number; byVerb: Record<string, number>; byClass: Record<string, number>; forbidden: number }
interface Result {
  bench: string; operator: string; crs: number; error?: string;
  rssIdleMB: number; forbidden: number;
  burst: { readyS: number; p50S: number; p99S: number; requests: Requests; cpuS: Record<string, number>; rssPeakMB: number; children: Record<string, number> };
  restart: { verifiedS: number; requests: Requests };
  specChange: { readyS: number; requests: Requests; deploymentsUpdated: number };
  stop1: { code: unknown }; stop2: { code: unknown };
}

const test = suite('bench/peers --crs 20: Orkestra, kro and controller-runtime side by side');
let exitCode: number | null = null;
let stdout = '';
let results: Result[] = [];

test.before(async () => {
  const child = spawn(process.execPath, ['bench/peers/run.mjs', '--crs', String(CRS), '--reps', '1', '--restart-window', '5', '--timeout', '600'], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
  // The bench's progress lines, so a slow or failing CI run shows where it is.
  child.stderr.on('data', (d: Buffer) => process.stderr.write(d));
  exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve));
  results = stdout.split('\n').filter((l) => l.startsWith('{"bench":"peers"')).map((l) => JSON.parse(l) as Result);
});

test('the bench ends with exit 0 and one JSON line per operator, none failed', () => {
  assert.is(exitCode, 0, stdout.slice(-3000));
  assert.equal(results.map((r) => r.operator).sort(), [...OPERATORS].sort());
  for (const r of results) assert.is(r.error, undefined, `${r.operator}: ${r.error}`);
  for (const r of results) assert.is(r.crs, CRS);
});

test('every operator made every CR Ready, with its three children, then rolled the new image out to all', () => {
  for (const r of results) {
    assert.ok(r.burst.readyS > 0 && r.burst.readyS < 600, `${r.operator}: time to all Ready ${r.burst.readyS}`);
    assert.ok(r.burst.p50S <= r.burst.p99S && r.burst.p99S <= r.burst.readyS, `${r.operator}: p50 ${r.burst.p50S} <= p99 ${r.burst.p99S} <= all ${r.burst.readyS}`);
    assert.equal(r.burst.children, { configmaps: CRS, services: CRS, deployments: CRS }, `${r.operator}: children`);
    assert.ok(r.specChange.readyS > 0, `${r.operator}: spec change ${r.specChange.readyS}`);
    assert.is(r.specChange.deploymentsUpdated, CRS, `${r.operator}: Deployments with the new image`);
    assert.is(r.stop1.code, 0, `${r.operator}: first process exit code`);
    assert.is(r.stop2.code, 0, `${r.operator}: restarted process exit code`);
  }
});

test("the audit log holds each operator's requests: at least 3 child writes and 1 status write per CR, no 403", () => {
  for (const r of results) {
    const c = r.burst.requests.byClass;
    assert.ok((c['childWrite'] ?? 0) >= 3 * CRS, `${r.operator}: child writes ${c['childWrite']}`);
    assert.ok((c['statusWrite'] ?? 0) >= CRS, `${r.operator}: status writes ${c['statusWrite']}`);
    assert.is(r.burst.requests.total, Object.values(c).reduce((a, b) => a + b, 0), `${r.operator}: classes add up`);
    assert.is(r.forbidden, 0, `${r.operator}: 403s`);
  }
  // Orkestra's own goal, exact: 3 applies + 1 status patch per new CR, the finalizer once.
  const ork = results.find((r) => r.operator === 'orkestra')!;
  assert.is(ork.burst.requests.byClass['childWrite'], 3 * CRS);
  assert.is(ork.burst.requests.byClass['statusWrite'], CRS);
  assert.is(ork.burst.requests.byClass['crWrite'], CRS);
});

test('CPU and memory come from the processes: positive, and the restart of Orkestra writes nothing', () => {
  for (const r of results) {
    assert.ok(r.burst.cpuS['operator']! > 0 && r.burst.cpuS['apiserver']! > 0 && r.burst.cpuS['etcd']! > 0, `${r.operator}: CPU ${JSON.stringify(r.burst.cpuS)}`);
    assert.ok(r.rssIdleMB > 5 && r.burst.rssPeakMB >= r.rssIdleMB, `${r.operator}: RSS idle ${r.rssIdleMB}, peak ${r.burst.rssPeakMB}`);
    assert.ok(r.restart.verifiedS > 0 && r.restart.verifiedS < 120, `${r.operator}: restart verified ${r.restart.verifiedS}`);
  }
  assert.is(results.find((r) => r.operator === 'orkestra')!.restart.requests.writes, 0);
});

test('the summary table compares the three at 20 CRs, with the load average beside it', () => {
  assert.match(stdout, /### 20 CRs × 3 children/);
  assert.match(stdout, /\| first create → all Ready \(s\) \| [\d.]+ \| [\d.]+ \| [\d.]+ \| [\d.]+× \| [\d.]+× \|/);
  assert.match(stdout, /1-min load average/);
});

test.run();

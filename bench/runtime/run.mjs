#!/usr/bin/env node
// bench/runtime: the controller runtime against the real local control plane (not a test).
// Creates N App CRs (3 children each: ConfigMap, Service, Deployment), then reports time from the
// first create to all Ready, API writes per CR by kind, writes made by a fresh runtime on the
// converged state (goal 0), runtime CPU-seconds and RSS (goal: idle <= 60 MB, <= 250 MB loaded).
// Usage: node bench/runtime/run.mjs [--crs 1000] [--concurrency 16] [--timeout 900] [--keep]
//          [--entry bundle|dist|/abs/path]  the single-file bundle the image ships (default), tsc's main.js,
//                                    or another checkout's runtime entry (before/after on the same machine)
//          [--env KEY=VALUE ...]     extra runtime env, e.g. --env DEFAULT_WORKERS=4
//          [--probe]                 diagnosis: the runtime prints its V8 heap every 2 s (mem-probe.mjs)
//          [--cpu-prof <dir>]        diagnosis: V8 CPU profiles of both runtimes into <dir> (see README)
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { adminClient, forEachLimited } from './admin-client.mjs';
import { down, install, kubectl, pidsOf, REPO, up } from './control-plane.mjs';
import { cpuSeconds, memoryMB, sampleRss } from './proc-stats.mjs';
import { effectCounts, httpBase, scrape, startRuntime, stopRuntime, waitForLine } from './runtime-process.mjs';

const args = process.argv.slice(2);
const opt = (name, def) => { const i = args.indexOf(`--${name}`); return i >= 0 ? Number(args[i + 1]) : def; };
const crs = opt('crs', 1000), concurrency = opt('concurrency', 16), timeoutS = opt('timeout', 900);
const keep = args.includes('--keep'), probe = args.includes('--probe');
const cpuProfDir = args.includes('--cpu-prof') ? args[args.indexOf('--cpu-prof') + 1] : undefined;
const entry = args.includes('--entry') ? args[args.indexOf('--entry') + 1] : 'bundle';
if (!['bundle', 'dist'].includes(entry) && !entry.startsWith('/')) throw new Error('--entry must be bundle, dist or an absolute path');
const extraEnv = Object.fromEntries(args.flatMap((a, i) => (args[i - 1] === '--env' ? [a.split(/=(.*)/s).slice(0, 2)] : [])));
const resyncMs = parseDurationMs(extraEnv.DEFAULT_RESYNC ?? '30s');

const KATALOG = join(REPO, 'bench/runtime/katalog.yaml');
const RUNTIME_NS = 'ork-bench', CR_NS = 'bench';
const CR_PATH = `/apis/bench.orkestra.io/v1/namespaces/${CR_NS}/apps`;
const WRITE_METHODS = ['PATCH', 'POST', 'PUT', 'DELETE'];

let cluster, client;
const runtimes = [];
let cleaned = false;
function cleanup() {
  if (cleaned) return;
  cleaned = true;
  for (const r of runtimes) if (r.child.exitCode === null && r.child.signalCode === null) r.child.kill('SIGKILL');
  client?.close();
  if (cluster && !keep) down(cluster.dir);
  if (cluster && keep) console.error(`kept: control plane in ${cluster.dir} (KUBECONFIG=${cluster.env.KUBECONFIG}); tools/kube/down ${cluster.dir} when done`);
}
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
  process.on(signal, () => { console.error(`\n${signal}: tearing down`); cleanup(); process.exit(code); });
}
process.on('uncaughtException', (err) => { console.error(err); cleanup(); process.exit(1); });

const log = (msg) => console.error(`[${new Date().toISOString().slice(11, 23)}] ${msg}`);
const mb = (x) => `${x.toFixed(1)} MB`;
const per = (n) => (n / crs).toFixed(3);

try {
  log('starting the control plane (tools/kube/up)');
  cluster = up(keep);
  log(`control plane up (${cluster.dir}); installing the bench Katalog`);
  kubectl(cluster, ['create', 'namespace', CR_NS]);
  const { kubeconfig } = install(cluster, KATALOG, RUNTIME_NS);
  client = adminClient(cluster.env.KUBECONFIG, concurrency);
  const runtimeEnv = {
    KUBECONFIG: kubeconfig, ORK_NAMESPACE: RUNTIME_NS, ...extraEnv,
    ...(probe ? { NODE_OPTIONS: `--import ${new URL('./mem-probe.mjs', import.meta.url).href}` } : {}),
  };
  const nodeArgs = cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`] : [];
  const probeLine = (r) => r.stderr.join('').split('\n').filter((l) => l.startsWith('{"probe"')).at(-1);

  // Phase 1: idle runtime, no CRs.
  const r1 = startRuntime(KATALOG, runtimeEnv, entry, nodeArgs);
  runtimes.push(r1);
  const base1 = await httpBase(r1);
  await waitForLine(r1, 'caches synced');
  await sleep(5_000);
  const idle = { rss: memoryMB(r1.child.pid).rss, hwm: memoryMB(r1.child.pid).hwm, cpu: cpuSeconds(r1.child.pid) };
  log(`runtime 1 idle: RSS ${mb(idle.rss)}, CPU ${idle.cpu.toFixed(2)} s since start${probe ? `; ${probeLine(r1)}` : ''}`);

  // Phase 2: create N CRs as fast as `concurrency` keep-alive connections allow; watch them to Ready.
  const m0 = await scrape(base1);
  const logFrom = r1.lines.length;
  const listed = await client.call('GET', CR_PATH);
  const createdAt = new Map(), readyAt = new Map();
  let allReady;
  const allReadyP = new Promise((resolve) => { allReady = resolve; });
  const stopWatch = client.watch(CR_PATH, listed.body.metadata.resourceVersion, (type, o) => {
    const ready = reconciledCondition(o);
    if (type !== 'DELETED' && ready?.status === 'True' && o.status.observedGeneration === o.metadata.generation && !readyAt.has(o.metadata.name)) {
      readyAt.set(o.metadata.name, performance.now());
      if (readyAt.size === crs) allReady();
    }
  });
  const rss1 = sampleRss(r1.child.pid);
  const cp0 = pidsOf(cluster.dir);
  const cpCpu0 = { apiserver: cpuSeconds(cp0.apiserver), etcd: cpuSeconds(cp0.etcd) };
  const cpu0 = cpuSeconds(r1.child.pid);
  const t0 = performance.now();
  log(`creating ${crs} App CRs (${concurrency} in flight)`);
  await forEachLimited(crs, concurrency, async (i) => {
    const name = `app-${String(i).padStart(5, '0')}`;
    createdAt.set(name, performance.now());
    const r = await client.call('POST', CR_PATH, {
      apiVersion: 'bench.orkestra.io/v1', kind: 'App', metadata: { name },
      spec: { image: 'nginx:1.27', replicas: 1 + (i % 3), port: 8080, tier: ['web', 'api', 'worker'][i % 3] },
    });
    if (r.status !== 201) throw new Error(`create ${name}: HTTP ${r.status} ${JSON.stringify(r.body)}`);
  });
  const tCreated = performance.now();
  log(`all ${crs} created in ${((tCreated - t0) / 1000).toFixed(1)} s; waiting for Ready`);
  // Give up early when nothing became Ready for two resync periods (a dropped key returns at resync).
  let lastCount = 0, lastMoveMs = performance.now();
  const stalled = new Promise((resolve) => {
    const progress = setInterval(() => {
      if (readyAt.size !== lastCount) { lastCount = readyAt.size; lastMoveMs = performance.now(); }
      log(`  ${readyAt.size}/${crs} Ready`);
      if (performance.now() - lastMoveMs > Math.max(60_000, 2 * resyncMs + 10_000)) resolve('stalled');
      if (performance.now() - t0 > timeoutS * 1000) resolve('timed out');
    }, 10_000);
    allReadyP.then(() => { clearInterval(progress); resolve(undefined); });
  });
  const failure = await stalled;
  const tReady = performance.now();
  stopWatch();
  if (failure) throw new Error(`${failure}: only ${readyAt.size}/${crs} Ready after ${((tReady - t0) / 1000).toFixed(0)} s; Ready reasons: ${JSON.stringify(await readyReasons())}`);
  const cpuReady = cpuSeconds(r1.child.pid);
  const cpCpuReady = { apiserver: cpuSeconds(cp0.apiserver) - cpCpu0.apiserver, etcd: cpuSeconds(cp0.etcd) - cpCpu0.etcd };
  log(`all Ready after ${((tReady - t0) / 1000).toFixed(1)} s; waiting for the queue to drain`);
  // Our own status patches come back as watch events: count writes once reconciles stop moving.
  let m1 = await scrape(base1);
  for (let still = 0; still < 3;) {
    await sleep(1_000);
    const m = await scrape(base1);
    still = m.reconciles === m1.reconciles && m.queueDepth === 0 ? still + 1 : 0;
    m1 = m;
  }
  const cpuSettled = cpuSeconds(r1.child.pid);
  const loaded = { rss: memoryMB(r1.child.pid).rss, hwm: memoryMB(r1.child.pid).hwm, sampledPeak: rss1.peak() };
  rss1.stop();
  const writes1 = Object.fromEntries(WRITE_METHODS.map((m) => [m, (m1.requests[m] ?? 0) - (m0.requests[m] ?? 0)]));
  const reads1 = (m1.requests.GET ?? 0) - (m0.requests.GET ?? 0);
  const effects1 = effectCounts(r1, logFrom);
  const dropped = r1.lines.slice(logFrom).filter((l) => l.msg === 'queue full, key dropped until resync').length;
  const failed = r1.lines.slice(logFrom).filter((l) => l.msg === 'reconcile failed').length;
  const lat = [...readyAt].map(([name, t]) => t - createdAt.get(name)).sort((a, b) => a - b);
  const pct = (p) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))] / 1000;
  log(`runtime 1 loaded: RSS ${mb(loaded.rss)}, peak ${mb(loaded.hwm)}${probe ? `; ${probeLine(r1)}` : ''}; stopping it (SIGTERM)`);
  const code1 = await stopRuntime(r1);
  const stopped1 = r1.lines.find((l) => l.msg === 'runtime stopped');

  // Phase 3: a fresh runtime on the converged state; it must verify every CR and write nothing.
  const r2 = startRuntime(KATALOG, runtimeEnv, entry, nodeArgs);
  runtimes.push(r2);
  const rss2 = sampleRss(r2.child.pid);
  const base2 = await httpBase(r2);
  const synced2 = await waitForLine(r2, 'caches synced', 60_000);
  let verifiedMs;
  for (const deadline = performance.now() + 120_000; performance.now() < deadline;) {
    if ((await scrape(base2)).reconciles >= crs) { verifiedMs = performance.now() - r2.startedMs; break; }
    await sleep(100);
  }
  const cpuVerified2 = cpuSeconds(r2.child.pid);
  const rssVerified2 = memoryMB(r2.child.pid).rss;
  log(`runtime 2: caches synced ${((synced2.benchMs - r2.startedMs) / 1000).toFixed(2)} s, all verified ${verifiedMs === undefined ? 'never' : `${(verifiedMs / 1000).toFixed(2)} s`} after spawn; waiting one resync (${resyncMs / 1000} s) + 5 s`);
  await sleep(resyncMs + 5_000);
  const m2 = await scrape(base2);
  if (probe) log(`runtime 2 after resync: ${probeLine(r2)}`);
  const cpu2 = cpuSeconds(r2.child.pid);
  const mem2 = memoryMB(r2.child.pid);
  rss2.stop();
  const code2 = await stopRuntime(r2);
  const stopped2 = r2.lines.find((l) => l.msg === 'runtime stopped');
  const writes2 = Object.fromEntries(WRITE_METHODS.map((m) => [m, m2.requests[m] ?? 0]));
  const effects2 = effectCounts(r2);

  // Report.
  const convergeS = (tReady - t0) / 1000;
  const crWrites1 = writes1.PATCH + writes1.POST + writes1.DELETE;
  const crWrites2 = writes2.PATCH + writes2.POST + writes2.DELETE;
  const rows = [
    ['workload', `${crs} App CRs x 3 children (ConfigMap, Service, Deployment), ${concurrency} creates in flight`, ''],
    ['runtime', `${entry === 'bundle' ? 'apps/runtime/dist/ork-runtime.mjs' : entry === 'dist' ? 'apps/runtime/dist/main.js' : entry}, env: ${Object.entries(extraEnv).map(([k, v]) => `${k}=${v}`).join(' ') || 'defaults'}`, ''],
    ['creates done', `${((tCreated - t0) / 1000).toFixed(1)} s (${(crs / ((tCreated - t0) / 1000)).toFixed(0)} CR/s)`, ''],
    ['first create -> all Ready', `${convergeS.toFixed(1)} s (${(crs / convergeS).toFixed(0)} CR/s)`, ''],
    ['create -> Ready per CR', `p50 ${pct(0.5).toFixed(1)} s, p99 ${pct(0.99).toFixed(1)} s, max ${(lat.at(-1) / 1000).toFixed(1)} s`, ''],
    ['writes per CR (PATCH/POST/PUT/DELETE)', `${per(writes1.PATCH)} / ${per(writes1.POST)} / ${per(writes1.PUT)} / ${per(writes1.DELETE)}`, ''],
    ['  child applies per CR', per(effects1.counts.apply ?? 0), 'goal 3'],
    ['  status patches per CR', per(effects1.counts.patchStatus ?? 0), 'goal 1'],
    ['  finalizer patches per CR', per(effects1.counts.addFinalizer ?? 0), 'goal 1'],
    ['  Events per CR (POST)', per(effects1.counts.event ?? 0), ''],
    ['  other (PUT: Lease renewals)', `${writes1.PUT} in the phase`, ''],
    ['reconciles per CR (with writes / all)', `${per(effects1.reconcilesWithEffects)} / ${per(m1.reconciles - m0.reconciles)}`, ''],
    ['reads (GET) in the phase', String(reads1), ''],
    ['queue drops / failed reconciles', `${dropped} / ${failed}`, ''],
    ['runtime CPU, load phase', `${(cpuReady - cpu0).toFixed(2)} s to all Ready, ${(cpuSettled - cpu0).toFixed(2)} s to settled`, ''],
    ['apiserver / etcd CPU, create -> Ready', `${cpCpuReady.apiserver.toFixed(1)} s / ${cpCpuReady.etcd.toFixed(1)} s`, ''],
    ['runtime RSS idle (no CRs)', mb(idle.rss), 'goal <= 60 MB'],
    ['runtime RSS peak (VmHWM), load', mb(loaded.hwm), 'goal <= 250 MB'],
    ['runtime RSS settled, loaded', mb(loaded.rss), ''],
    ['restart: caches synced', `${((synced2.benchMs - r2.startedMs) / 1000).toFixed(2)} s after spawn`, ''],
    ['restart: all CRs verified', verifiedMs === undefined ? 'not within 120 s' : `${(verifiedMs / 1000).toFixed(2)} s after spawn`, ''],
    ['restart: writes (PATCH+POST+DELETE)', `${crWrites2} (PATCH ${writes2.PATCH}, POST ${writes2.POST}, DELETE ${writes2.DELETE})`, 'goal 0'],
    ['restart: Lease writes (PUT)', String(writes2.PUT), ''],
    ['restart: reconciles (with writes / all)', `${effects2.reconcilesWithEffects} / ${m2.reconciles}`, ''],
    ['restart: runtime CPU', `${cpuVerified2.toFixed(2)} s to verified, ${cpu2.toFixed(2)} s over ${((performance.now() - r2.startedMs) / 1000).toFixed(0)} s`, ''],
    ['restart: RSS verified / peak', `${mb(rssVerified2)} / ${mb(mem2.hwm)}`, 'goal <= 250 MB'],
    ['exit codes; forbidden', `${code1}, ${code2}; ${stopped1?.forbidden}, ${stopped2?.forbidden}`, 'goal 0, 0; 0, 0'],
  ];
  const w0 = Math.max(...rows.map((r) => r[0].length)), w1 = Math.max(...rows.map((r) => r[1].length));
  console.log(`\nbench/runtime  ${new Date().toISOString()}  node ${process.version}`);
  for (const [a, b, c] of rows) console.log(`${a.padEnd(w0)}  ${b.padEnd(w1)}  ${c}`);
  console.log(JSON.stringify({
    bench: 'runtime', date: new Date().toISOString(), crs, concurrency, entry, env: extraEnv,
    createS: (tCreated - t0) / 1000, convergeS, readyP50S: pct(0.5), readyP99S: pct(0.99),
    writes: writes1, writesPerCr: crWrites1 / crs, effects: effects1.counts, reconciles: m1.reconciles - m0.reconciles,
    reads: reads1, dropped, failed, cpuLoadS: cpuReady - cpu0, cpuSettledS: cpuSettled - cpu0, controlPlaneCpuS: cpCpuReady,
    rssIdleMB: idle.rss, rssPeakMB: loaded.hwm, rssLoadedMB: loaded.rss,
    restart: { syncedS: (synced2.benchMs - r2.startedMs) / 1000, verifiedS: verifiedMs / 1000, writes: writes2, crWrites: crWrites2,
      reconciles: m2.reconciles, cpuS: cpu2, cpuVerifiedS: cpuVerified2, rssVerifiedMB: rssVerified2, rssPeakMB: mem2.hwm },
    exitCodes: [code1, code2], forbidden: [stopped1?.forbidden, stopped2?.forbidden],
  }));
} finally {
  cleanup();
}
process.exit(0);

/**
 * The condition that says a CR was reconciled: `Applied` (issue 14: every child applied; `Ready`
 * now also waits for the children's health, which a control plane without a kubelet never gives
 * Deployments), or `Ready` from a runtime that writes no `Applied` (before issue 14, where Ready
 * meant applied). So "Ready" in the figures means the same thing for both runtimes of a pair.
 */
function reconciledCondition(o) {
  const conditions = o.status?.conditions ?? [];
  return conditions.find((c) => c.type === 'Applied') ?? conditions.find((c) => c.type === 'Ready');
}

/** CR count per Ready condition status and reason (and the first message seen for each), for a stall. */
async function readyReasons() {
  const items = (await client.call('GET', CR_PATH)).body.items;
  const out = {};
  for (const o of items) {
    const c = reconciledCondition(o);
    const key = c ? `${c.type} ${c.status}/${c.reason}` : 'no status';
    out[key] ??= { count: 0, example: c?.message?.slice(0, 160) };
    out[key].count++;
  }
  return out;
}

function parseDurationMs(s) {
  const m = String(s).match(/^(\d+(?:\.\d+)?)(ms|s|m)?$/);
  if (!m) throw new Error(`--env DEFAULT_RESYNC=${s}: use a number with ms, s or m`);
  return Number(m[1]) * ({ ms: 1, s: 1000, m: 60_000 }[m[2] ?? 's']);
}

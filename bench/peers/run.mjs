#!/usr/bin/env node
// bench/peers: Orkestra side by side with kro and a controller-runtime operator, on the same
// control plane build, with the same CRD shape, CR contents and workload, in one run. Not a test:
// it prints figures and never fails on a missed goal (it fails when a measurement cannot be made).
//
//   node bench/peers/run.mjs                      # N = 100, 1,000, 5,000 x 3 operators, Orkestra
//                                                 # alone at 10,000; 3 repetitions, order rotated
//   node bench/peers/run.mjs --crs 20 --reps 1    # smoke (CI's e2e stage)
//
// Options: --crs N[,N...] (100,1000,5000)  --growth N[,N...] Orkestra-only sizes (10000; none when
// --crs is given)  --reps R (3)  --operators orkestra,kro,controller-runtime  --concurrency C (16)
// --restart-window S (35: watch the restarted operator for writes this long after it verified
// everything; one Orkestra resync is 30 s)  --settle S (3: a phase ends when the operator's audit
// log has been quiet this long)  --out FILE (append the JSON lines)  --env KEY=VALUE (Orkestra's
// env, repeatable)  --cpu-prof DIR (V8 CPU profiles of Orkestra)  --ork-bundle PATH (run another
// runtime bundle as Orkestra, for a before/after comparison; its package.json one level up)
// --timeout S (14400: a wait for all CRs that takes longer fails the measurement) --label TEXT
// (recorded in each JSON line)  --from K (start at the K-th measurement of the plan,
// to resume a run with the same options and --out)  --keep (leave control planes up).
// Prints one JSON line per measurement on stdout, then the summary tables (report.mjs).
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { REPO } from '../runtime/control-plane.mjs';
import { killOperators, measureOnce } from './measure.mjs';
import { controllerRuntime } from './operators/controller-runtime.mjs';
import { kro } from './operators/kro.mjs';
import { orkestra } from './operators/orkestra.mjs';
import { summarize } from './report.mjs';

const args = process.argv.slice(2);
const has = (name) => args.includes(`--${name}`);
const val = (name, def) => (has(name) ? args[args.indexOf(`--${name}`) + 1] : def);
const list = (s) => (s === '' ? [] : String(s).split(',').map((x) => Number(x.trim())));
const crsList = list(val('crs', '100,1000,5000'));
const growth = list(val('growth', has('crs') ? '' : '10000'));
const reps = Number(val('reps', 3));
const names = val('operators', 'orkestra,kro,controller-runtime').split(',');
const concurrency = Number(val('concurrency', 16));
const restartWindowMs = Number(val('restart-window', 35)) * 1000;
const timeoutMs = Number(val('timeout', 4 * 3600)) * 1000;
const settleMs = Number(val('settle', 3)) * 1000;
const out = val('out', undefined);
const keep = has('keep');
const env = Object.fromEntries(args.flatMap((a, i) => (args[i - 1] === '--env' ? [a.split(/=(.*)/s).slice(0, 2)] : [])));
const cpuProf = val('cpu-prof', undefined);
const orkBundle = val('ork-bundle', undefined);
const label = val('label', undefined);
const from = Number(val('from', 1));
for (const n of [...crsList, ...growth]) if (!Number.isInteger(n) || n < 1) throw new Error(`--crs/--growth: ${n} is not a positive whole number`);
if (!(timeoutMs > 0)) throw new Error(`--timeout: ${val('timeout')} is not a positive number of seconds`);
for (const n of names) if (!['orkestra', 'kro', 'controller-runtime'].includes(n)) throw new Error(`--operators: unknown operator ${n}`);

const log = (msg) => console.error(`[${new Date().toISOString().slice(11, 19)} load ${loadavg()[0].toFixed(1)}] ${msg}`);

for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
  process.on(signal, () => { log(`${signal}: stopping the operators (the control planes' watchdogs tear them down)`); killOperators(); process.exit(code); });
}

/** Runs a cached build script (tools/kube/build [helm], bench/peers/build); returns the last line it printed. */
function build(tool, args = []) {
  log(`${[tool, ...args].join(' ')} (cached after the first run; a cold build takes minutes)`);
  const r = spawnSync(join(REPO, tool), args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: 60 * 60_000 });
  if (r.status !== 0) throw new Error(`${tool} failed (${r.status ?? r.error})`);
  return r.stdout.trim().split('\n').at(-1);
}
// From a clean clone after `npm ci` nothing of Orkestra is built yet: the CLI (`ork generate crd`,
// `ork generate bundle`) and the runtime bundle come from `npm run build`. An existing build is
// used as it is (rebuild after changing the sources).
const orkBuilt = ['apps/cli/dist/ork.mjs', 'apps/runtime/dist/ork-runtime.mjs'].every((f) => existsSync(join(REPO, f)));
if (!orkBuilt) {
  log('npm run build (apps/cli/dist/ork.mjs or apps/runtime/dist/ork-runtime.mjs is missing)');
  const r = spawnSync('npm', ['run', 'build'], { cwd: REPO, stdio: ['ignore', 'inherit', 'inherit'], timeout: 30 * 60_000 });
  if (r.status !== 0) throw new Error(`npm run build failed (${r.status ?? r.error})`);
}
build('tools/kube/build');
// kro's chart is rendered by helm, which has its own cache entry beside the control plane's.
const helmDir = build('tools/kube/build', ['helm']);
const peersEntry = build('bench/peers/build');

const operators = {
  orkestra: () => orkestra({ env, nodeArgs: cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${cpuProf}`] : [], ...(orkBundle ? { bundle: orkBundle } : {}) }),
  kro: () => kro(peersEntry, helmDir),
  'controller-runtime': () => controllerRuntime(peersEntry),
};

// Repetition by repetition (so a long run stopped early still has every size once): every size,
// every operator, the operator order rotated by one per repetition; then Orkestra alone at the
// growth sizes.
const plan = [];
for (let rep = 0; rep < reps; rep++) {
  for (const crs of crsList) {
    for (let k = 0; k < names.length; k++) plan.push({ name: names[(k + rep) % names.length], crs, rep, order: k });
  }
  if (names.includes('orkestra')) for (const crs of growth) plan.push({ name: 'orkestra', crs, rep, order: 0, growth: true });
}

log(`${plan.length} measurements on ${cpus().length} cores (${cpus()[0]?.model}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`);
const results = [];
let failed = 0;
for (const [i, m] of plan.entries()) {
  if (i + 1 < from) continue;
  log(`measurement ${i + 1}/${plan.length}: ${m.name}, ${m.crs} CRs, repetition ${m.rep + 1}`);
  const r = await measureOnce(operators[m.name](), m.crs, { concurrency, settleMs, restartWindowMs, timeoutMs, log, keep });
  Object.assign(r, { rep: m.rep, order: m.order, ...(m.growth ? { growth: true } : {}), ...(label ? { label } : {}) });
  if (r.error) failed++;
  results.push(r);
  const line = JSON.stringify(r);
  console.log(line);
  if (out) {
    mkdirSync(dirname(out), { recursive: true });
    appendFileSync(out, `${line}\n`);
  }
}
console.log(`\n${summarize(results)}`);
process.exit(failed ? 1 : 0);

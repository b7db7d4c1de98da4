#!/usr/bin/env node
// G1 direct benchmark (performance.md §3.3): AdmissionReview v1 POSTs over keep-alive HTTPS to
// the webhook server in its own process. (1) Open loop at a fixed rate: p50/p99/p99.9 from send
// (including waiting for a free connection) to response, with the generator's lateness against
// the schedule beside it. (2) Closed loop with N connections: saturation throughput, and the
// server's CPU per request (when the generator is the limit, that gives the server's capacity
// per core). With taskset, the server runs on CPU 0 and this generator on CPU 1. (3) Mixed (issue
// 12): the same open loop of small reviews while `--mixed-clients` connections send 6.9 MB reviews
// back to back; small-review latency, and how many protected deletes would have gone through with
// failurePolicy Ignore (an answer that is not a denial, or none within the API server's 5 s).
// For this run every server thread may use both CPUs (the parse worker must not share the event
// loop's). Not a test.
//
//   node bench/gateway/direct.mjs [--rate 2000] [--seconds 30] [--connections 10]
//                                 [--saturation-seconds 10] [--saturation-connections 16]
//                                 [--mixed-seconds 30] [--mixed-clients 8] [--large-bytes 6900000]
//                                 [--only open|saturation|mixed] [--server gateway|bare]
//                                 [--handler module.mjs] [--cpu-prof DIR]
// `gateway` (default) is the app's own serving path (gateway-server.mjs); `bare` is the adapters'
// webhook server with a `decide(review)` handler (server.mjs; --handler, default allow-all).
import { spawn, spawnSync } from 'node:child_process';
import { openSync, readFileSync, statSync } from 'node:fs';
import { setPriority as osSetPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openConnection } from './raw-client.mjs';
import { deleteNamespaceReview } from './review-body.mjs';

const { values: opts } = parseArgs({
  options: {
    rate: { type: 'string', default: '2000' },
    seconds: { type: 'string', default: '30' },
    connections: { type: 'string', default: '10' },
    'saturation-seconds': { type: 'string', default: '10' },
    'saturation-connections': { type: 'string', default: '16' },
    'mixed-seconds': { type: 'string', default: '30' },
    'mixed-clients': { type: 'string', default: '8' },
    'large-bytes': { type: 'string', default: '6900000' },
    'flood-nice': { type: 'string', default: '0' },
    only: { type: 'string' },
    server: { type: 'string', default: 'gateway' },
    handler: { type: 'string' },
    'cpu-prof': { type: 'string' },
  },
});
const rate = Number(opts.rate);
const seconds = Number(opts.seconds);
const path = '/deletion-protection';
const body = Buffer.from(deleteNamespaceReview());
const pinned = spawnSync('taskset', ['-V']).status === 0;
if (pinned) spawnSync('taskset', ['-pc', '1', String(process.pid)], { stdio: 'ignore' });

if (opts.server !== 'gateway' && opts.server !== 'bare') throw new Error(`--server ${opts.server}: expected gateway or bare`);
const serverScript = new URL(opts.server === 'gateway' ? './gateway-server.mjs' : './server.mjs', import.meta.url).pathname;
const serverArgs = [
  ...(process.env.BENCH_SERVER_TRACE_GC ? ['--trace-gc'] : []),
  ...(opts['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${opts['cpu-prof']}`] : []),
  serverScript, ...(opts.handler ? ['--handler', opts.handler] : []),
];
// The server's log lines (one per denial) go to a file, as a container runtime would take them.
const logFile = join(tmpdir(), `bench-gateway-${process.pid}.log`);
const logFd = openSync(logFile, 'w');
const server = pinned ? spawn('taskset', ['-c', '0', process.execPath, ...serverArgs], { stdio: ['ignore', logFd, 'inherit', 'ipc'] })
  : spawn(process.execPath, serverArgs, { stdio: ['ignore', logFd, 'inherit', 'ipc'] });
function ask(message) {
  return new Promise((resolve) => { server.once('message', resolve); server.send(message); });
}
const { port, caPem } = await new Promise((resolve) => server.once('message', resolve));

/** `n` keep-alive connections, each warmed up; `acquire()`/`release()` hand out idle ones. With `check`, each answer's body is given to it. */
async function pool(n, check) {
  const all = await Promise.all(Array.from({ length: n }, () => openConnection({ port, caPem, path, body, withBody: check !== undefined })));
  const statusOf = (r) => (typeof r === 'number' ? r : r.status);
  for (const c of all) for (let i = 0; i < 200; i++) if (statusOf(await c.send()) !== 200) throw new Error('warm-up failed');
  const idle = [...all];
  const waiting = [];
  return {
    all,
    async post() {
      const c = idle.pop() ?? await new Promise((resolve) => waiting.push(resolve));
      try {
        const r = await c.send();
        if (statusOf(r) !== 200) throw new Error(`status ${statusOf(r)}`);
        check?.(r.body);
      } finally {
        const next = waiting.shift();
        if (next) next(c); else idle.push(c);
      }
    },
    close() { for (const c of all) c.close(); },
  };
}

/** CPU seconds the server process has used so far (utime + stime from /proc, 100 ticks/s). */
function serverCpuSeconds() {
  return cpuSecondsOf(server.pid);
}

function cpuSecondsOf(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function percentile(sorted, p) { return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]; }

async function openLoop(check, runSeconds = seconds, warmed = undefined) {
  const connections = warmed ?? await pool(Number(opts.connections), check);
  await ask('reset');
  const total = Math.round(rate * runSeconds);
  const latencies = new Float64Array(total);
  const lateness = new Float64Array(total);
  let sent = 0, done = 0, errors = 0;
  const cpu0 = serverCpuSeconds();
  const gen0 = process.cpuUsage();
  // The generator's own loop: when it stalls, responses wait in its sockets and count as latency.
  const genLoop = monitorEventLoopDelay({ resolution: 1 });
  genLoop.enable();
  const start = performance.now();
  await new Promise((resolve) => {
    // A 1 ms timer sends whatever is due: a setImmediate spin would burn the generator's core.
    const tick = () => {
      const now = performance.now();
      while (sent < total && start + (sent * 1000) / rate <= now) {
        const i = sent++;
        const sentAt = performance.now();
        lateness[i] = sentAt - (start + (i * 1000) / rate);
        connections.post().then(() => { latencies[i] = performance.now() - sentAt; }, () => { errors++; latencies[i] = NaN; })
          .finally(() => { if (++done === total) resolve(); });
      }
      if (sent < total) setTimeout(tick, 1);
    };
    tick();
  });
  const wallSeconds = (performance.now() - start) / 1000;
  const cpu = serverCpuSeconds() - cpu0;
  const gen = process.cpuUsage(gen0);
  genLoop.disable();
  const generatorLoop = { p99: genLoop.percentile(99) / 1e6, max: genLoop.max / 1e6 };
  const serverSide = await ask('stats');
  connections.close();
  const sorted = Float64Array.from(latencies.filter((x) => !Number.isNaN(x))).sort();
  return { latencies, serverSide, generatorLoop, total, errors, wallSeconds, achievedRps: total / wallSeconds, p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99),
    p999: percentile(sorted, 0.999), max: sorted[sorted.length - 1], latenessP99: percentile(Float64Array.from(lateness).sort(), 0.99), generatorCpuPct: (gen.user + gen.system) / 1e4 / wallSeconds, serverCpuPct: (100 * cpu) / wallSeconds, serverCpuUsPerReq: (cpu * 1e6) / total };
}

async function closedLoop() {
  const connections = Number(opts['saturation-connections']);
  const conns = await pool(connections);
  const latencies = [];
  let errors = 0;
  const cpu0 = serverCpuSeconds();
  const start = performance.now();
  const end = start + Number(opts['saturation-seconds']) * 1000;
  await Promise.all(conns.all.map(async (c) => {
    while (performance.now() < end) {
      const t = performance.now();
      try { if ((await c.send()) !== 200) throw new Error('status'); latencies.push(performance.now() - t); } catch { errors++; }
    }
  }));
  const wallSeconds = (performance.now() - start) / 1000;
  const cpu = serverCpuSeconds() - cpu0;
  conns.close();
  const sorted = Float64Array.from(latencies).sort();
  return { connections, completed: latencies.length, errors, rps: latencies.length / wallSeconds, serverCpuUsPerReq: (cpu * 1e6) / latencies.length, p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99), serverCpuPct: (100 * cpu) / wallSeconds };
}

/** The mixed run: the open loop of small reviews while large ones are sent back to back (large-flood.mjs). */
async function mixedRun() {
  // Every server thread on both CPUs, the generators too: the parse worker must not share CPU 0.
  if (pinned) {
    spawnSync('taskset', ['-a', '-pc', '0,1', String(server.pid)], { stdio: 'ignore' });
    spawnSync('taskset', ['-a', '-pc', '0,1', String(process.pid)], { stdio: 'ignore' });
  }
  // Each small review is a DELETE of a protected Namespace: it must come back denied, decided.
  const small = { denied: 0, notDenied: 0 };
  let counting = false;
  const check = (text) => {
    if (!counting) return;
    if (text.includes('"allowed":false') && !text.includes('"undecided"')) small.denied++;
    else small.notDenied++;
  };
  // Connections warmed up before the flood starts, as the API server's are.
  const smallPool = await pool(Number(opts.connections), check);
  counting = true;
  const clients = Number(opts['mixed-clients']);
  const flood = spawn(process.execPath, [new URL('./large-flood.mjs', import.meta.url).pathname], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  // --flood-nice: the sender's CPU priority. On a cluster the clients encrypt on their own nodes;
  // here they share the gateway's two cores, and at nice 0 their CPU is taken from the gateway.
  if (opts['flood-nice'] !== '0') osSetPriority(flood.pid, Number(opts['flood-nice']));
  const next = () => new Promise((resolve) => flood.once('message', resolve));
  flood.send({ port, caPem, clients, bytes: Number(opts['large-bytes']) });
  await next();
  // Every large client has a review in flight before the first small one is timed.
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const floodCpu0 = cpuSecondsOf(flood.pid);
  const open = await openLoop(check, Number(opts['mixed-seconds']), smallPool);
  const floodCpuPct = (100 * (cpuSecondsOf(flood.pid) - floodCpu0)) / open.wallSeconds;
  flood.send('stop');
  const large = await next();
  return { open, large, small, clients, floodCpuPct };
}

const ms = (x) => `${x.toFixed(3)} ms`;
const phases = opts.only ? [opts.only] : ['open', 'saturation', 'mixed'];
console.log(`direct: ${opts.server} server, ${body.length}-byte AdmissionReview (DELETE Namespace), ${pinned ? 'server on CPU 0, generator on CPU 1' : 'no taskset: unpinned'}, node ${process.version}`);
if (phases.includes('open')) {
  const open = await openLoop();
  console.log(`open loop ${rate}/s × ${seconds} s, ${opts.connections} keep-alive connections: ${open.total} requests, ${open.errors} errors, achieved ${open.achievedRps.toFixed(0)}/s`);
  console.log(`  latency (send → response) p50 ${ms(open.p50)}  p99 ${ms(open.p99)}  p99.9 ${ms(open.p999)}  max ${ms(open.max)}`);
  console.log(`  server side (request arrival → response sent) p50 ${ms(open.serverSide.p50)}  p99 ${ms(open.serverSide.p99)}  max ${ms(open.serverSide.max)}`);
  console.log(`  event loop delay: server p99 ${ms(open.serverSide.loopP99)} max ${ms(open.serverSide.loopMax)}; generator p99 ${ms(open.generatorLoop.p99)} max ${ms(open.generatorLoop.max)}`);
  console.log(`  generator send lateness p99 ${ms(open.latenessP99)} (how far sends slipped behind schedule)`);
  console.log(`  server CPU ${open.serverCpuPct.toFixed(0)}% of one core, ${open.serverCpuUsPerReq.toFixed(0)} µs per request; generator CPU ${open.generatorCpuPct.toFixed(0)}%`);
}
if (phases.includes('saturation')) {
  const sat = await closedLoop();
  console.log(`saturation (closed loop, ${sat.connections} connections, ${opts['saturation-seconds']} s): ${sat.rps.toFixed(0)} req/s, ${sat.errors} errors, p50 ${ms(sat.p50)} p99 ${ms(sat.p99)}, server CPU ${sat.serverCpuPct.toFixed(0)}%`);
  console.log(`  server CPU ${sat.serverCpuUsPerReq.toFixed(0)} µs per request → ${(1e6 / sat.serverCpuUsPerReq).toFixed(0)} req/s per fully used core (extrapolated)`);
}
if (phases.includes('mixed')) {
  const m = await mixedRun();
  const o = m.open;
  const late = Array.from(o.latencies).filter((x) => !(x < 5_000)).length;
  console.log(`mixed: ${rate}/s small reviews × ${opts['mixed-seconds']} s while ${m.clients} clients (another process) send ${(Number(opts['large-bytes']) / 1e6).toFixed(1)} MB reviews back to back (all threads on both CPUs; senders at nice ${opts['flood-nice']})`);
  console.log(`  small: ${o.total} requests, ${o.errors} errors, achieved ${o.achievedRps.toFixed(0)}/s; latency p50 ${ms(o.p50)}  p99 ${ms(o.p99)}  p99.9 ${ms(o.p999)}  max ${ms(o.max)}  (goal p99 ≤ 5 ms)`);
  console.log(`  small: server side p50 ${ms(o.serverSide.p50)}  p99 ${ms(o.serverSide.p99)}  max ${ms(o.serverSide.max)}; generator lateness p99 ${ms(o.latenessP99)}; server CPU ${o.serverCpuPct.toFixed(0)}% of one core`);
  console.log(`  event loop delay: server p99 ${ms(o.serverSide.loopP99)} max ${ms(o.serverSide.loopMax)}; generator p99 ${ms(o.generatorLoop.p99)} max ${ms(o.generatorLoop.max)}`);
  console.log(`  small: ${m.small.denied} denied (decided), ${m.small.notDenied} not denied, ${late} slower than the API server's 5 s timeout → protected objects that would be deleted with failurePolicy Ignore: ${m.small.notDenied + late + o.errors}`);
  console.log(`  large: ${m.large.answered} answered (${m.large.decided} decided, ${m.large.undecided} undecided by the budget: busy or over 2 s), ${m.large.errors} connection errors; senders' CPU ${m.floodCpuPct.toFixed(0)}% of one core`);
}
await new Promise((resolve) => { server.once('exit', resolve); server.kill('SIGTERM'); });
console.log(`  server log: ${statSync(logFile).size} bytes (${logFile})`);

#!/usr/bin/env node
// G1 direct benchmark (performance.md §3.3): AdmissionReview v1 POSTs over keep-alive HTTPS to
// the webhook server in its own process. (1) Open loop at a fixed rate: p50/p99/p99.9 from send
// (including waiting for a free connection) to response, with the generator's lateness against
// the schedule beside it. (2) Closed loop with N connections: saturation throughput, and the
// server's CPU per request (when the generator is the limit, that gives the server's capacity
// per core). With taskset, the server runs on CPU 0 and this generator on CPU 1. Not a test.
//
//   node bench/gateway/direct.mjs [--rate 2000] [--seconds 30] [--connections 10]
//                                 [--saturation-seconds 10] [--saturation-connections 16]
//                                 [--server gateway|bare] [--handler module.mjs] [--cpu-prof DIR]
// `gateway` (default) is the app's own serving path (gateway-server.mjs); `bare` is the adapters'
// webhook server with a `decide(review)` handler (server.mjs; --handler, default allow-all).
import { spawn, spawnSync } from 'node:child_process';
import { openSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openConnection } from './raw-client.mjs';
import { deleteNamespaceReview } from './review-body.mjs';

const { values: opts } = parseArgs({
  options: {
    rate: { type: 'string', default: '2000' },
    seconds: { type: 'string', default: '30' },
    connections: { type: 'string', default: '10' },
    'saturation-seconds': { type: 'string', default: '10' },
    'saturation-connections': { type: 'string', default: '16' },
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

/** `n` keep-alive connections, each warmed up; `acquire()`/`release()` hand out idle ones. */
async function pool(n) {
  const all = await Promise.all(Array.from({ length: n }, () => openConnection({ port, caPem, path, body })));
  for (const c of all) for (let i = 0; i < 200; i++) if ((await c.send()) !== 200) throw new Error('warm-up failed');
  const idle = [...all];
  const waiting = [];
  return {
    all,
    async post() {
      const c = idle.pop() ?? await new Promise((resolve) => waiting.push(resolve));
      try {
        const status = await c.send();
        if (status !== 200) throw new Error(`status ${status}`);
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
  const fields = readFileSync(`/proc/${server.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function percentile(sorted, p) { return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]; }

async function openLoop() {
  const connections = await pool(Number(opts.connections));
  await ask('reset');
  const total = Math.round(rate * seconds);
  const latencies = new Float64Array(total);
  const lateness = new Float64Array(total);
  let sent = 0, done = 0, errors = 0;
  const cpu0 = serverCpuSeconds();
  const gen0 = process.cpuUsage();
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
  const serverSide = await ask('stats');
  connections.close();
  const sorted = Float64Array.from(latencies.filter((x) => !Number.isNaN(x))).sort();
  return { serverSide, total, errors, wallSeconds, achievedRps: total / wallSeconds, p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99),
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

const ms = (x) => `${x.toFixed(3)} ms`;
console.log(`direct: ${opts.server} server, ${body.length}-byte AdmissionReview (DELETE Namespace), ${pinned ? 'server on CPU 0, generator on CPU 1' : 'no taskset: unpinned'}, node ${process.version}`);
const open = await openLoop();
console.log(`open loop ${rate}/s × ${seconds} s, ${opts.connections} keep-alive connections: ${open.total} requests, ${open.errors} errors, achieved ${open.achievedRps.toFixed(0)}/s`);
console.log(`  latency (send → response) p50 ${ms(open.p50)}  p99 ${ms(open.p99)}  p99.9 ${ms(open.p999)}  max ${ms(open.max)}`);
console.log(`  server side (fastify request start → response sent) p50 ${ms(open.serverSide.p50)}  p99 ${ms(open.serverSide.p99)}  max ${ms(open.serverSide.max)}`);
console.log(`  generator send lateness p99 ${ms(open.latenessP99)} (how far sends slipped behind schedule)`);
console.log(`  server CPU ${open.serverCpuPct.toFixed(0)}% of one core, ${open.serverCpuUsPerReq.toFixed(0)} µs per request; generator CPU ${open.generatorCpuPct.toFixed(0)}%`);
const sat = await closedLoop();
console.log(`saturation (closed loop, ${sat.connections} connections, ${opts['saturation-seconds']} s): ${sat.rps.toFixed(0)} req/s, ${sat.errors} errors, p50 ${ms(sat.p50)} p99 ${ms(sat.p99)}, server CPU ${sat.serverCpuPct.toFixed(0)}%`);
console.log(`  server CPU ${sat.serverCpuUsPerReq.toFixed(0)} µs per request → ${(1e6 / sat.serverCpuUsPerReq).toFixed(0)} req/s per fully used core (extrapolated)`);
await new Promise((resolve) => { server.once('exit', resolve); server.kill('SIGTERM'); });
console.log(`  server log: ${statSync(logFile).size} bytes (${logFile})`);

#!/usr/bin/env node
// Issue 5, benchmark (3), on the real thing: `ork gate` from the gateway's bundle against a real
// control plane, from spawn to the first AdmissionReview answered over TLS on its webhook port.
// Two cases, each in fresh processes: `new certificates` (the Secret orkestra-gateway-tls is
// deleted before each start, so the gateway generates an ECDSA CA and serving certificate and
// creates the Secret) and `reused certificates` (a restart: the Secret is read and reused).
// "After Node is up" subtracts the median spawn → first output line of an empty script, i.e.
// what Node's own start costs here. The gateway's `webhook listening` line carries its own
// startupMs (process start → listening, by performance.now()). Not a test.
//   node bench/gateway/cold-start-gateway.mjs [--runs 10] [--katalog examples/gateway/katalog.yaml] [--cpu-prof DIR]
//     [--vs PATH]   also start the gateway bundle at PATH (its package.json one level up), in turn with
//                   this checkout's (A B A B ...), and print both: a before/after under the same drift
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { connect } from 'node:tls';
import { parseArgs } from 'node:util';
import { cleanup, cleaningUp, installGateway, log, onCleanup, REPO, sleep, startGateway, upControlPlane } from './bench-cluster.mjs';
import { deleteNamespaceReview } from './review-body.mjs';

const { values: opts } = parseArgs({ options: { runs: { type: 'string', default: '10' }, katalog: { type: 'string', default: 'examples/gateway/katalog.yaml' }, 'cpu-prof': { type: 'string' }, vs: { type: 'string' } } });
const RUNS = Number(opts.runs);
const KATALOG = resolve(REPO, opts.katalog);
const NS = 'ork-bench-cold';

/** A port that was free a moment ago, for ORK_WEBHOOK_PORT: the probe must know it before the gateway logs it. */
async function freePort() {
  const s = createServer();
  await new Promise((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address();
  await new Promise((r) => s.close(r));
  return port;
}

/** Resolves with the time the first 200 arrived: one fresh TLS connection per attempt, 1 ms apart. */
async function firstAnswer(port, deadlineMs) {
  const body = Buffer.from(deleteNamespaceReview());
  const request = Buffer.concat([Buffer.from(`POST /deletion-protection HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`), body]);
  for (;;) {
    // The probe cannot know the CA before the gateway made it; the certificate is checked below.
    const status = await new Promise((res) => {
      const socket = connect({ host: '127.0.0.1', port, rejectUnauthorized: false, servername: 'localhost' }, () => socket.end(request));
      let head = '';
      socket.on('data', (c) => { head += c.toString('latin1'); });
      socket.on('error', () => res(0));
      socket.on('close', () => res(Number(head.slice(9, 12)) || 0));
    });
    if (status === 200) return performance.now();
    if (performance.now() > deadlineMs) throw new Error(`no answer on port ${port} in time (last status ${status})`);
    await sleep(1);
  }
}

async function nodeUpBaseline(dir) {
  const script = join(dir, 'empty.mjs');
  writeFileSync(script, "process.stdout.write('up\\n');\n");
  const times = [];
  for (let i = 0; i < RUNS + 1; i++) {
    const t0 = performance.now();
    const child = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'ignore'] });
    await new Promise((r) => child.stdout.once('data', r));
    times.push(performance.now() - t0);
    await new Promise((r) => child.once('exit', r));
  }
  return median(times.slice(1)); // the first warms the file cache
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const summary = (xs) => { const s = [...xs].sort((a, b) => a - b); return `median ${median(s).toFixed(0).padStart(4)}  min ${s[0].toFixed(0).padStart(4)}  max ${s.at(-1).toFixed(0).padStart(4)} ms`; };

async function main() {
  const { scratch, kubectl, admin } = await upControlPlane();
  const kubeconfig = await installGateway({ katalog: KATALOG, namespace: NS, scratch, kubectl, admin });
  const port = await freePort();
  const baseline = await nodeUpBaseline(scratch);
  const scripts = { '': join(REPO, 'apps/gateway/dist/ork-gateway.mjs'), ...(opts.vs ? { [`--vs ${opts.vs}: `]: resolve(opts.vs) } : {}) };
  const results = Object.fromEntries(Object.keys(scripts).flatMap((s) => ['new certificates', 'reused certificates'].map((c) => [`${s}${c}`, []])));
  for (let i = 0; i < RUNS + 1; i++) {
    for (const [label, runs] of Object.entries(results)) {
      if (label.endsWith('new certificates')) await kubectl(['-n', NS, 'delete', 'secret', 'orkestra-gateway-tls', '--ignore-not-found']);
      const script = scripts[label.startsWith('--vs') ? Object.keys(scripts)[1] : ''];
      const t0 = performance.now();
      const gw = startGateway({ kubeconfig, katalog: KATALOG, namespace: NS, env: { ORK_WEBHOOK_PORT: String(port) }, watch: ['listening', 'certificate'], script,
        nodeArgs: opts['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${opts['cpu-prof']}`, '--cpu-prof-interval=250'] : [] });
      onCleanup(() => gw.stop());
      const answered = await firstAnswer(port, t0 + 30_000);
      const { startupMs } = await gw.waitFor('webhook listening', 5_000);
      await gw.stop();
      if (i > 0) runs.push({ answered: answered - t0, startupMs }); // the first round warms the file cache and the API server
    }
  }
  console.log(`cold start of ork-gateway.mjs gate (${KATALOG.slice(REPO.length + 1)}), ${RUNS} fresh processes per case, Node ${process.version}`);
  console.log(`  Node up (spawn → first line of an empty script): median ${baseline.toFixed(0)} ms`);
  for (const [label, runs] of Object.entries(results)) {
    const answered = runs.map((r) => r.answered);
    console.log(`  ${label}: spawn → first TLS answer ${summary(answered)}; after Node is up ${summary(answered.map((x) => x - baseline))};`
      + ` the gateway's own startupMs (process start → listening) ${summary(runs.map((r) => r.startupMs))}`);
  }
}

try {
  await main();
} catch (err) {
  if (!cleaningUp()) log('error:', err.stack ?? err);
  process.exitCode = 1;
} finally {
  await cleanup();
}

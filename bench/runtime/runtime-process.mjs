// `ork run` as a child process for bench/runtime: its JSON log lines, its HTTP port, its /metrics.
import { spawn } from 'node:child_process';
import { isAbsolute, join } from 'node:path';
import { REPO } from './control-plane.mjs';

/** The runtime's entry points: the single-file bundle the image ships, or the tsc output. */
export const ENTRIES = { bundle: 'apps/runtime/dist/ork-runtime.mjs', dist: 'apps/runtime/dist/main.js' };

/**
 * Starts the runtime on a Katalog; `env` adds KUBECONFIG, ORK_NAMESPACE and any tuning; `nodeArgs`
 * go to node. `entry` is a key of ENTRIES or the path of another runtime bundle (a before/after
 * comparison).
 */
export function startRuntime(katalog, env, entry = 'bundle', nodeArgs = []) {
  // A key of ENTRIES, or the path of another runtime bundle (a before/after pair in one session).
  const script = ENTRIES[entry] ? join(REPO, ENTRIES[entry]) : isAbsolute(entry) ? entry : join(REPO, entry);
  const child = spawn(process.execPath, [...nodeArgs, script, 'run', '-f', katalog], {
    cwd: REPO, env: { ...process.env, ORK_PORT: '0', ORK_HOST: '127.0.0.1', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines = [], stderr = [];
  const startedMs = performance.now();
  let rest = '';
  child.stdout.on('data', (chunk) => {
    const parts = (rest + chunk.toString()).split('\n');
    rest = parts.pop();
    for (const p of parts) {
      if (!p.trim()) continue;
      const line = JSON.parse(p);
      line.benchMs = performance.now();
      lines.push(line);
    }
  });
  child.stderr.on('data', (chunk) => stderr.push(chunk.toString()));
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
  return { child, lines, stderr, exited, startedMs };
}

/** SIGTERM, then the exit code; SIGKILL after 30 s. */
export async function stopRuntime(r) {
  if (r.child.exitCode === null && r.child.signalCode === null) r.child.kill('SIGTERM');
  const timeout = new Promise((resolve) => setTimeout(resolve, 30_000, 'timeout').unref());
  const code = await Promise.race([r.exited, timeout]);
  if (code !== 'timeout') return code;
  r.child.kill('SIGKILL');
  throw new Error('the runtime did not stop within 30 s of SIGTERM');
}

/** Waits for the first log line with this message; throws if the runtime exits or time runs out. */
export async function waitForLine(r, msg, timeoutMs = 60_000) {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const line = r.lines.find((l) => l.msg === msg);
    if (line) return line;
    if (r.child.exitCode !== null) throw new Error(`the runtime exited (${r.child.exitCode}) before "${msg}": ${r.stderr.join('')}`);
    if (performance.now() > deadline) throw new Error(`the runtime did not log "${msg}" within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The runtime's HTTP base URL from its `http listening` line. */
export async function httpBase(r) {
  const line = await waitForLine(r, 'http listening', 30_000);
  return `http://${line.host}:${line.port}`;
}

/**
 * Scrapes /metrics for request counts by method (all codes), and /katalog for reconciles: the
 * runtime does not feed controller_runtime_reconcile_total yet (apps/runtime/src/feed-metrics.ts).
 */
export async function scrape(base) {
  const text = await (await fetch(`${base}/metrics`)).text();
  const katalog = await (await fetch(`${base}/katalog`)).json();
  const requests = {};
  let reconciles = 0, queueDepth = 0;
  JSON.stringify(katalog, (key, value) => {
    if (key === 'totalReconciles') reconciles += value;
    if (key === 'queueDepth') queueDepth += value;
    return value;
  });
  for (const line of text.split('\n')) {
    let m = line.match(/^rest_client_requests_total\{(.*)\} (\S+)$/);
    if (m) {
      const method = m[1].match(/method="([^"]+)"/)[1];
      requests[method] = (requests[method] ?? 0) + Number(m[2]);
      continue;
    }
  }
  return { requests, reconciles, queueDepth };
}

/** Counts the effects of `reconciled` log lines (one per reconcile that wrote) after index `from`. */
export function effectCounts(r, from = 0) {
  const counts = {};
  let reconcilesWithEffects = 0;
  for (const line of r.lines.slice(from)) {
    if (line.msg !== 'reconciled') continue;
    reconcilesWithEffects++;
    for (const e of String(line.effects).split(',')) counts[e] = (counts[e] ?? 0) + 1;
  }
  return { counts, reconcilesWithEffects };
}

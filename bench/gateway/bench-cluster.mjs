// What the gateway benchmarks that need a real control plane share: teardown on exit and
// signals, a child-process runner, tools/kube/up, the gateway bundle installed for a Katalog with
// a kubeconfig holding its ServiceAccount token, and the gateway's own bundle as a local process
// (the API server calls it on 127.0.0.1, as in e2e). Not a test helper: benchmarks only.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { kubeClient, loadAdminKubeconfig } from './kube-client.mjs';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const log = (...a) => console.error(`[${new Date().toISOString().slice(11, 19)}]`, ...a);
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---- teardown on exit, SIGINT, SIGTERM and errors ------------------------------------------------
const cleanups = [];
let cleaning;
/** Registers a teardown step; steps run last-in first-out. */
export function onCleanup(fn) { cleanups.push(fn); }
/** True once teardown has begun (in-flight requests then fail, which is not news). */
export function cleaningUp() { return cleaning !== undefined; }
export function cleanup() {
  cleaning ??= (async () => {
    for (const fn of cleanups.reverse()) {
      try { await fn(); } catch (err) { log('cleanup:', err.message); }
    }
  })();
  return cleaning;
}
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => { log(`${sig}: tearing down`); cleanup().finally(() => process.exit(130)); });
}

/** Runs a command in the repository; resolves with its stdout, rejects with its stderr's tail. */
export function run(cmd, args, { input, env } = {}) {
  return new Promise((res, rej) => {
    const child = spawn(cmd, args, { cwd: REPO, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => { out += c; });
    child.stderr.on('data', (c) => { err += c; });
    child.on('error', rej);
    child.on('exit', (code) => (code === 0 ? res(out) : rej(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${err.slice(-2000)}`))));
    child.stdin.end(input);
  });
}

/** tools/kube/up in a scratch directory (torn down on exit): kubectl, the admin client, a scratch dir. */
export async function upControlPlane({ maxSockets = 4 } = {}) {
  const scratch = mkdtempSync(join(tmpdir(), 'ork-bgw-'));
  onCleanup(() => rmSync(scratch, { recursive: true, force: true }));
  const state = mkdtempSync(join(tmpdir(), 'ork-bgw-kube-'));
  onCleanup(async () => { log('tools/kube/down'); await run(join(REPO, 'tools/kube/down'), [state]); });
  log('tools/kube/up', state);
  await run(join(REPO, 'tools/kube/up'), [state], { env: { ORK_KUBE_WATCH_PID: String(process.pid) } });
  const env = Object.fromEntries(readFileSync(join(state, 'env'), 'utf8').split('\n').filter((l) => l.includes('=')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
  const kubectl = (args, input) => run(join(env.KUBE_BIN_DIR, 'kubectl'), args, { input, env: { KUBECONFIG: env.KUBECONFIG } });
  const admin = loadAdminKubeconfig(env.KUBECONFIG);
  const kube = kubeClient(admin, { maxSockets });
  onCleanup(() => kube.close());
  return { scratch, kubectl, admin, kube };
}

/** Applies `ork generate bundle --for gateway` and writes a kubeconfig with the gateway ServiceAccount's token. */
export async function installGateway({ katalog, namespace, scratch, kubectl, admin }) {
  log('installing the gateway bundle for', katalog);
  const bundle = await run(process.execPath, [join(REPO, 'apps/cli/bin/ork.js'), 'generate', 'bundle', '-f', katalog, '--for', 'gateway', '-n', namespace]);
  await kubectl(['apply', '--server-side', '--field-manager', 'bench', '-f', '-'], bundle);
  const token = (await kubectl(['-n', namespace, 'create', 'token', 'orkestra-gateway', '--duration', '2h'])).trim();
  const kubeconfig = join(scratch, 'gateway.kubeconfig');
  writeFileSync(kubeconfig, stringify({
    apiVersion: 'v1', kind: 'Config',
    clusters: [{ name: 'bench', cluster: { server: admin.server.href.replace(/\/$/, ''), 'certificate-authority-data': admin.ca.toString('base64') } }],
    users: [{ name: 'token', user: { token } }],
    contexts: [{ name: 'token', context: { cluster: 'bench', user: 'token' } }],
    'current-context': 'token',
  }), { mode: 0o600 });
  return kubeconfig;
}

/**
 * `ork gate` from the gateway's bundle under `kubeconfig`. `env` overrides the defaults (ports 0,
 * loopback, 2 s housekeeper). `waitFor(msg)` resolves with the first log line of that message;
 * only lines containing one of `watch` are parsed (one `admission denied` line per denial otherwise).
 * `nodeArgs` go before the script (e.g. --cpu-prof).
 */
export function startGateway({ kubeconfig, katalog, namespace, env = {}, watch = ['listening', 'housekeeper paused'], nodeArgs = [], script = join(REPO, 'apps/gateway/dist/ork-gateway.mjs') }) {
  const child = spawn(process.execPath, [...nodeArgs, script, 'gate', '-f', katalog], {
    cwd: REPO,
    env: {
      ...process.env, KUBECONFIG: kubeconfig, ORK_NAMESPACE: namespace, ORK_PORT: '0', ORK_HOST: '127.0.0.1',
      ORK_WEBHOOK_PORT: '0', ORK_WEBHOOK_HOST: '127.0.0.1', HOUSEKEEPER_SYNC_INTERVAL: '2s', ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const msgs = new Map();
  let rest = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop();
    for (const p of parts) {
      if (!watch.some((w) => p.includes(w))) continue;
      try { const l = JSON.parse(p); if (!msgs.has(l.msg)) msgs.set(l.msg, l); } catch { /* not JSON */ }
    }
  });
  child.stderr.on('data', (c) => { stderr += c; });
  const exited = new Promise((r) => child.on('exit', (code, sig) => r(code ?? sig)));
  let base;
  async function waitFor(msg, ms) {
    const deadline = Date.now() + ms;
    while (!msgs.has(msg)) {
      if (child.exitCode !== null) throw new Error(`the gateway exited (${child.exitCode}): ${stderr.slice(-2000)}`);
      if (Date.now() > deadline) throw new Error(`the gateway did not log "${msg}" within ${ms} ms: ${stderr.slice(-2000)}`);
      await sleep(20);
    }
    return msgs.get(msg);
  }
  return {
    child,
    waitFor,
    async ready() {
      const l = await waitFor('http listening', 30_000);
      base = `http://${l.host}:${l.port}`;
      const deadline = Date.now() + 60_000;
      for (;;) {
        const r = await fetch(`${base}/readyz`).catch(() => ({ status: 0 }));
        if (r.status === 200) return base;
        if (Date.now() > deadline) throw new Error(`the gateway was not ready within 60 s: ${stderr.slice(-2000)}`);
        await sleep(200);
      }
    },
    /** Sum of orkestra_admission_decisions_total: reviews the API server sent (self-checks excluded). */
    async decisions() {
      const text = await (await fetch(`${base}/metrics`)).text();
      let sum = 0;
      for (const line of text.split('\n')) if (line.startsWith('orkestra_admission_decisions_total{')) sum += Number(line.slice(line.lastIndexOf(' ') + 1));
      return sum;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(t);
    },
  };
}

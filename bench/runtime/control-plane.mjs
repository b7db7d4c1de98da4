// The local control plane for bench/runtime: tools/kube/up and down, kubectl and ork as the admin,
// and an install of the bench Katalog the way a user installs it (CRD, bundle, ServiceAccount token).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';

export const REPO = new URL('../..', import.meta.url).pathname;

/**
 * Starts etcd + kube-apiserver + controller-manager in a new state dir; returns its env file as a
 * record. Unless `keep`, a watchdog tears the cluster down if this process dies without cleanup.
 * `env` adds tools/kube settings, such as ORK_KUBE_APISERVER_EXTRA_ARGS.
 */
export function up(keep = false, kubeEnv = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'ork-bench-kube-'));
  const r = spawnSync(join(REPO, 'tools/kube/up'), [dir], {
    encoding: 'utf8', env: { ...process.env, ...kubeEnv, ...(keep ? {} : { ORK_KUBE_WATCH_PID: String(process.pid) }) }, timeout: 20 * 60_000,
  });
  if (r.status !== 0) throw new Error(`tools/kube/up failed (${r.status}): ${r.stderr.trim().split('\n').slice(-10).join('\n')}`);
  const env = Object.fromEntries(readFileSync(join(dir, 'env'), 'utf8').split('\n').filter((l) => l.includes('='))
    .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
  return { dir, env };
}

/** Stops the control plane and deletes its state dir (idempotent). */
export function down(dir) {
  spawnSync(join(REPO, 'tools/kube/down'), [dir], { stdio: 'ignore', timeout: 300_000 });
}

/** Current control-plane pids (APISERVER_PID is rewritten by restarts, so read it again). */
export function pidsOf(dir) {
  const env = readFileSync(join(dir, 'env'), 'utf8');
  const pid = (name) => Number(env.match(new RegExp(`^${name}=(\\d+)$`, 'm'))?.[1] ?? 0);
  return { apiserver: pid('APISERVER_PID'), etcd: pid('ETCD_PID') };
}

/** Runs kubectl as the admin; throws with its stderr unless it succeeds. */
export function kubectl(cluster, args, input) {
  const r = spawnSync(join(cluster.env.KUBE_BIN_DIR, 'kubectl'), args, {
    input, encoding: 'utf8', env: { ...process.env, KUBECONFIG: cluster.env.KUBECONFIG }, timeout: 120_000, maxBuffer: 256 << 20,
  });
  if (r.status !== 0) throw new Error(`kubectl ${args.join(' ')} failed (${r.status}): ${(r.stderr || String(r.error)).trim()}`);
  return r.stdout;
}

/** Runs the ork CLI; throws with its stderr unless it succeeds. */
export function ork(args) {
  const r = spawnSync(process.execPath, [join(REPO, 'apps/cli/bin/ork.js'), ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`ork ${args.join(' ')} failed (${r.status}): ${r.stderr.trim()}`);
  return r.stdout;
}

/**
 * Installs a Katalog: its CRDs (waiting for Established), its bundle into `namespace`, and a token
 * kubeconfig of the bundle's `orkestra` ServiceAccount, so the runtime has the bundle's RBAC only.
 */
export function install(cluster, katalog, namespace) {
  const crds = ork(['generate', 'crd', '-f', katalog]);
  kubectl(cluster, ['apply', '--server-side', '--field-manager', 'bench', '-f', '-'], crds);
  for (const name of crds.matchAll(/^ {2}name: (\S+)$/gm)) {
    kubectl(cluster, ['wait', '--for', 'condition=Established', '--timeout', '60s', `crd/${name[1]}`]);
  }
  const bundle = ork(['generate', 'bundle', '-f', katalog, '-n', namespace]);
  kubectl(cluster, ['apply', '--server-side', '--field-manager', 'bench', '-f', '-'], bundle);
  const token = kubectl(cluster, ['-n', namespace, 'create', 'token', 'orkestra', '--duration', '2h']).trim();
  return { kubeconfig: tokenKubeconfig(cluster, token) };
}

/** Writes a kubeconfig for the admin's cluster that authenticates with `token` only; returns its path. */
export function tokenKubeconfig(cluster, token, name = 'bench-runtime') {
  const admin = parse(readFileSync(cluster.env.KUBECONFIG, 'utf8'));
  const c = admin.clusters[0];
  const file = join(cluster.dir, `${name}.kubeconfig`);
  writeFileSync(file, stringify({
    apiVersion: 'v1', kind: 'Config', clusters: [c], users: [{ name: 'token', user: { token } }],
    contexts: [{ name: 'token', context: { cluster: c.name, user: 'token' } }], 'current-context': 'token',
  }), { mode: 0o600 });
  return file;
}

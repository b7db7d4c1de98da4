// Starts one real control plane per test run (tools/kube/up) and stops it on every way out:
// normal exit, a thrown error, SIGINT/SIGTERM. ORK_E2E_KUBECONFIG points at an existing cluster instead.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A running cluster and the tools to talk to it. */
export interface ControlPlane {
  readonly kubeconfig: string;
  /** Directory holding kubectl (helm is in its own: harness/helm.ts). */
  readonly binDir: string;
  /** State directory of a cluster we started (absent for ORK_E2E_KUBECONFIG). */
  readonly stateDir?: string;
  readonly startedMs: number;
}

export const REPO = new URL('../../../', import.meta.url).pathname;
const KUBE = join(REPO, 'tools/kube');
let current: ControlPlane | undefined;

/**
 * Adds to the run's control plane before it starts: kube-controller-manager controllers and
 * kube-apiserver flags. All e2e files share one control plane, started by the first test that needs
 * it (run-tests imports every file first), so a file calls this when it is loaded. Throws once the
 * control plane is up: what other files already use cannot change under them.
 */
export function configureControlPlane(extra: { readonly controllers?: readonly string[]; readonly apiserverArgs?: readonly string[] }): void {
  if (current) throw new Error('the control plane is already up: configure it when the test file is loaded, before any test runs');
  const add = (name: string, values: readonly string[] | undefined, sep: string) => {
    if (values?.length) process.env[name] = [process.env[name], ...values].filter(Boolean).join(sep);
  };
  add('ORK_KUBE_EXTRA_CONTROLLERS', extra.controllers, ',');
  add('ORK_KUBE_APISERVER_EXTRA_ARGS', extra.apiserverArgs, ' ');
}

/** Whether this run's control plane is up (without starting it). */
export function controlPlaneStarted(): ControlPlane | undefined {
  return current;
}

/** The control plane of this run, started on first use. */
export function controlPlane(): ControlPlane {
  if (current) return current;
  const external = process.env['ORK_E2E_KUBECONFIG'];
  if (external) {
    const kubectl = spawnSync('sh', ['-c', 'command -v kubectl'], { encoding: 'utf8' }).stdout.trim();
    current = { kubeconfig: external, binDir: kubectl ? kubectl.replace(/\/kubectl$/, '') : '', startedMs: 0 };
    return current;
  }
  const stateDir = mkdtempSync(join(tmpdir(), 'ork-e2e-'));
  registerCleanup(stateDir);
  const start = Date.now();
  // ORK_KUBE_WATCH_PID leaves a watchdog that tears the cluster down if this process dies, even by SIGKILL.
  const up = spawnSync(join(KUBE, 'up'), [stateDir], {
    encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: 60 * 60 * 1000,
    env: { ...process.env, ORK_KUBE_WATCH_PID: String(process.pid) },
  });
  if (up.status !== 0) {
    stop();
    throw new Error(`tools/kube/up failed (exit ${up.status}); see the output above`);
  }
  const env = parseEnv(readFileSync(join(stateDir, 'env'), 'utf8'));
  current = { kubeconfig: env['KUBECONFIG']!, binDir: env['KUBE_BIN_DIR']!, stateDir, startedMs: Date.now() - start };
  process.stderr.write(`e2e: control plane up in ${(current.startedMs / 1000).toFixed(1)} s (state ${stateDir})\n`);
  return current;
}

/** Stops the control plane we started, if any; idempotent. */
export function stop(): void {
  const dir = current?.stateDir ?? pendingDir;
  if (!dir) return;
  spawnSync(join(KUBE, 'down'), [dir], { stdio: ['ignore', 'ignore', 'inherit'], timeout: 60_000 });
  current = undefined;
  pendingDir = undefined;
}

let pendingDir: string | undefined;
function registerCleanup(dir: string): void {
  pendingDir = dir;
  process.once('exit', stop);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      stop();
      process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
    });
  }
}

/** The KEY=VALUE lines of a state dir's env file (tools/kube/up, node-up). */
export function parseEnv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^(?:export\s+)?([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (m) out[m[1]!] = m[2]!.replace(/^['"]|['"]$/g, '');
  }
  return out;
}

/** The last `lines` lines of the run's kube-controller-manager log ('' on ORK_E2E_KUBECONFIG): for failure messages. */
export function controllerManagerLogTail(lines = 10): string {
  const dir = current?.stateDir;
  if (!dir) return '';
  try {
    return readFileSync(join(dir, 'logs/controller-manager.log'), 'utf8').split('\n').slice(-lines - 1).join('\n');
  } catch {
    return '';
  }
}

// helm (built by tools/kube with kubectl, in the control plane's bin dir) against the test cluster
// as the admin. Its cache, config and data live in a scratch dir: a test never reads or writes the
// user's ~/.config/helm, and never reaches a chart repository.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { controlPlane, REPO } from './control-plane.ts';
import type { KubectlResult } from './kubectl.ts';
import { scratchDir } from './scratch.ts';

/** The chart of this checkout. */
export const CHART = join(REPO, 'chart');

let home: string | undefined;

/** Runs helm with the admin kubeconfig; the result as kubectl's. */
export function helm(args: readonly string[]): KubectlResult {
  const cp = controlPlane();
  const built = join(cp.binDir, 'helm');
  // ORK_E2E_KUBECONFIG clusters take kubectl from PATH; helm then comes from PATH too.
  const bin = cp.binDir && existsSync(built) ? built : 'helm';
  home ??= scratchDir('helm-home');
  const r = spawnSync(bin, args, {
    cwd: REPO,
    encoding: 'utf8',
    env: {
      ...process.env, KUBECONFIG: cp.kubeconfig,
      HELM_CACHE_HOME: join(home, 'cache'), HELM_CONFIG_HOME: join(home, 'config'), HELM_DATA_HOME: join(home, 'data'),
    },
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? String(r.error ?? '') };
}

/** Runs helm and throws with its stderr unless it succeeds. */
export function helmOk(args: readonly string[]): string {
  const r = helm(args);
  if (r.status !== 0) throw new Error(`helm ${args.join(' ')} failed (${r.status}): ${r.stderr.trim()}`);
  return r.stdout;
}

// helm (tools/kube/build helm, its own cache entry beside the control plane's) against the test
// cluster as the admin. Its cache, config and data live in a scratch dir: a test never reads or writes the
// user's ~/.config/helm, and never reaches a chart repository.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { controlPlane, REPO } from './control-plane.ts';
import type { KubectlResult } from './kubectl.ts';
import { scratchDir } from './scratch.ts';

/** The chart of this checkout. */
export const CHART = join(REPO, 'chart');

let home: string | undefined;
let built: string | undefined;

/** The helm binary: ORK_E2E_KUBECONFIG clusters take their tools from PATH, else tools/kube/build helm (a no-op once built). */
function helmBinary(): string {
  if (process.env['ORK_E2E_KUBECONFIG']) return 'helm';
  if (built === undefined) {
    const build = spawnSync(join(REPO, 'tools/kube/build'), ['helm'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: 60 * 60 * 1000 });
    if (build.status !== 0) throw new Error(`tools/kube/build helm failed (exit ${build.status}); see the output above`);
    built = join(build.stdout.trim().split('\n').pop() ?? '', 'helm');
  }
  return built;
}

/** Runs helm with the admin kubeconfig; the result as kubectl's. */
export function helm(args: readonly string[]): KubectlResult {
  const cp = controlPlane();
  const bin = helmBinary();
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

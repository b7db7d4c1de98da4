// helm and kubeconform for the chart tests: `tools/kube/build helm` (a cached no-op once built)
// prints their bin dir as its last line. Their cache entry is their own, so the unit stage never
// waits for the Kubernetes build (issue 13). Missing tools are an error, never a skip.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const REPO = new URL('../../', import.meta.url).pathname;
let binDir: string | undefined;

/** The path of `name` in tools/kube's bin dir; throws with tools/kube/build's last lines if it cannot. */
export function kubeTool(name: 'helm' | 'kubeconform'): string {
  if (binDir === undefined) {
    const build = spawnSync(join(REPO, 'tools/kube/build'), ['helm'], { encoding: 'utf8', timeout: 60 * 60 * 1000, stdio: ['ignore', 'pipe', 'pipe'] });
    if (build.status !== 0) throw new Error(`tools/kube/build helm exited ${build.status}: ${build.stderr.trim().split('\n').slice(-5).join(' | ')}`);
    binDir = build.stdout.trim().split('\n').pop() ?? '';
  }
  const path = join(binDir, name);
  if (!existsSync(path)) throw new Error(`${name} not found in ${binDir} (tools/kube/build helm)`);
  return path;
}

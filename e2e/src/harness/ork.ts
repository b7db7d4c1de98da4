import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO } from './control-plane.ts';

/** Runs the real `ork` CLI from this checkout; throws unless it exits 0. */
export function ork(args: readonly string[], input?: string): string {
  const r = spawnSync(process.execPath, [join(REPO, 'apps/cli/bin/ork.js'), ...args], { cwd: REPO, input, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ork ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { controlPlaneStarted } from './control-plane.ts';

let root: string | undefined;

/**
 * A fresh directory for a test's files. All of them live under one directory removed when the
 * process exits, also after Ctrl-C (the control plane's signal handler exits the process).
 */
export function scratchDir(name: string): string {
  if (!root) {
    // Inside the control plane's state dir when one is up, so tools/kube's teardown removes it even
    // when this process is killed outright. Never starting it: files take scratch dirs when they
    // are loaded, and the control plane must start after every file could configure it.
    const dir = mkdtempSync(join(controlPlaneStarted()?.stateDir ?? tmpdir(), 'ork-e2e-scratch-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    root = dir;
  }
  const dir = mkdtempSync(join(root, `${name}-`));
  mkdirSync(dir, { recursive: true });
  return dir;
}

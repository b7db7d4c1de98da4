import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { controlPlane } from './control-plane.ts';

let root: string | undefined;

/**
 * A fresh directory for a test's files. All of them live under one directory removed when the
 * process exits, also after Ctrl-C (the control plane's signal handler exits the process).
 */
export function scratchDir(name: string): string {
  if (!root) {
    // Inside the control plane's state dir when we started one, so tools/kube's teardown removes it
    // even when this process is killed outright.
    const dir = mkdtempSync(join(controlPlane().stateDir ?? tmpdir(), 'ork-e2e-scratch-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    root = dir;
  }
  const dir = mkdtempSync(join(root, `${name}-`));
  mkdirSync(dir, { recursive: true });
  return dir;
}

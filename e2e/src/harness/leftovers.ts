import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';

/** Temp directories the e2e harness makes (`ork-e2e-*`), for leak checks. */
export function e2eTempDirs(): string[] {
  return readdirSync(tmpdir()).filter((n) => n.startsWith('ork-e2e-')).sort();
}

/** Control-plane processes whose command line names `stateDir`. */
export function processesOf(stateDir: string): string[] {
  const ps = spawnSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' }).stdout;
  return ps.split('\n').filter((l) => l.includes(stateDir) && !l.includes('ps -eo'));
}

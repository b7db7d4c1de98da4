#!/usr/bin/env node
// Records the version and git commit for `ork version` at build time (no git needed at run time).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';

const root = new URL('..', import.meta.url);
const { version } = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
let commit = 'unknown';
try {
  commit = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
} catch {
  // Not a git checkout (a tarball install): the commit stays unknown.
}
for (const app of ['apps/cli']) {
  mkdirSync(new URL(`${app}/dist/`, root), { recursive: true });
  writeFileSync(new URL(`${app}/dist/build-info.json`, root), `${JSON.stringify({ version, commit })}\n`);
}

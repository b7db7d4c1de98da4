// `ork admit` golden outputs (issue 15): each case under conformance/admit/<name>/ holds
// katalog.yaml, cr.yaml (and old.yaml), and `args` (the command line after `ork`); the real CLI
// binary runs in that folder and expected/{stdout.txt,stderr.txt,exit} are compared byte for byte.
// UPDATE_GOLDENS=1 rewrites them (review the diff!).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';

const CASES = new URL('../admit/', import.meta.url).pathname;
const ORK = new URL('../../apps/cli/bin/ork.js', import.meta.url).pathname;
const update = process.env['UPDATE_GOLDENS'] === '1';
const test = suite('ork admit conformance');
const names = readdirSync(CASES).filter((n) => existsSync(join(CASES, n, 'args'))).sort();
const exits = new Map<number, number>();

for (const name of names) {
  test(name, () => {
    const dir = join(CASES, name);
    const args = readFileSync(join(dir, 'args'), 'utf8').trim().split(/\s+/);
    const run = spawnSync(process.execPath, [ORK, ...args], { cwd: dir, encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1' } });
    const got = { 'stdout.txt': run.stdout, 'stderr.txt': run.stderr, exit: `${run.status}\n` };
    exits.set(run.status ?? -1, (exits.get(run.status ?? -1) ?? 0) + 1);
    assert.not.match(run.stderr, /\n\s+at .+:\d+:\d+/, 'no stack trace');
    const expected = join(dir, 'expected');
    if (update) {
      mkdirSync(expected, { recursive: true });
      for (const [f, text] of Object.entries(got)) writeFileSync(join(expected, f), text);
      return;
    }
    for (const [f, text] of Object.entries(got)) assert.fixture(text, readFileSync(join(expected, f), 'utf8'), `${name}/expected/${f}`);
  });
}

test('the cases cover allowed, denied and bad input (exit 0, 1 and 2)', () => {
  assert.ok(names.length >= 10, `only ${names.length} cases`);
  assert.ok((exits.get(0) ?? 0) >= 2 && (exits.get(1) ?? 0) >= 3 && (exits.get(2) ?? 0) >= 4, JSON.stringify([...exits]));
});

test.run();

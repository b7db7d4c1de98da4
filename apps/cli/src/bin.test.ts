// The real `ork` binary in a child process: exit codes, stdin, no stack traces, stable bytes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';

const test = suite('ork binary');
const repo = new URL('../../../', import.meta.url).pathname;
const bin = join(repo, 'apps/cli/bin/ork.js');
const ork = (args: string[], input?: string) =>
  spawnSync(process.execPath, [bin, ...args], { cwd: repo, input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

test('generate bundle on both examples: exit 0, byte-identical across runs', () => {
  for (const example of ['website', 'gateway']) {
    const args = ['generate', 'bundle', '-f', `examples/${example}/katalog.yaml`, '-o', '-'];
    const first = ork(args);
    const second = ork(args);
    assert.is(first.status, 0, first.stderr);
    assert.ok(first.stdout.length > 500);
    assert.is(first.stdout, second.stdout);
    assert.not.match(first.stdout, /(^|\s|\[|")\*("|\]|\s|$)/m, 'a bundle must never contain a wildcard');
  }
});

test('-f - reads the Katalog from a pipe', () => {
  const r = ork(['validate', '-f', '-'], readFileSync(join(repo, 'examples/website/katalog.yaml'), 'utf8'));
  assert.is(r.status, 0, r.stderr);
  assert.match(r.stdout, '<stdin>: valid Katalog');
});

test('bad input never prints a stack trace', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ork-bin-'));
  try {
    const cases: [string[], string | undefined, number][] = [
      [['validate', '-f', join(dir, 'missing.yaml')], undefined, 2],
      [['validate', '-f', dir], undefined, 2],
      [['validate', '-f', '-'], 'a: [1, 2\n', 1],
      [['validate', '-f', '-'], '\x00\x01binary', 1],
      [['generate', 'bundle', '-f', 'examples/website/katalog.yaml', '-o', '/proc/version/nope.yaml'], undefined, 2],
      [['frobnicate'], undefined, 2],
    ];
    for (const [args, input, status] of cases) {
      const r = ork(args, input);
      assert.is(r.status, status, `${args.join(' ')}: ${r.stderr}`);
      assert.not.match(r.stderr, /\n\s+at .*:\d+:\d+/, `stack trace for ${args.join(' ')}`);
      assert.ok(r.stderr.trim().length > 0, `no message for ${args.join(' ')}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('init writes exactly the starter kept in examples/starter', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ork-init-'));
  try {
    const r = ork(['init', dir]);
    assert.is(r.status, 0, r.stderr);
    for (const f of ['katalog.yaml', 'crd.yaml', 'cr.yaml']) {
      assert.fixture(readFileSync(join(dir, f), 'utf8'), readFileSync(join(repo, 'examples/starter', f), 'utf8'), `examples/starter/${f} is stale: run ork init examples/starter --force`);
    }
    writeFileSync(join(dir, 'katalog.yaml'), 'changed\n');
    assert.is(ork(['init', dir]).status, 2);
    assert.is(readFileSync(join(dir, 'katalog.yaml'), 'utf8'), 'changed\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('version -o json names version, commit, node and platform', () => {
  const r = ork(['version', '-o', 'json']);
  assert.is(r.status, 0);
  const v = JSON.parse(r.stdout) as Record<string, string>;
  assert.equal(Object.keys(v), ['version', 'commit', 'node', 'platform']);
  assert.is(v['node'], process.version);
});

test.run();

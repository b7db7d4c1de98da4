import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from './write-file-atomic.ts';
import { readTextFile } from './read-text-file.ts';

const test = suite('fs adapter');

test('writeFileAtomic replaces content and leaves no temp file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ork-fs-'));
  try {
    const file = join(dir, 'out', 'bundle.yaml');
    writeFileAtomic(file, 'one\n', 1);
    writeFileAtomic(file, 'two\n', 1);
    assert.is(readFileSync(file, 'utf8'), 'two\n');
    assert.equal(readdirSync(join(dir, 'out')), ['bundle.yaml']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('writeFileAtomic keeps the old file when the write fails', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ork-fs-'));
  try {
    const file = join(dir, 'bundle.yaml');
    writeFileSync(file, 'old\n');
    // A directory where the temp file must go makes the write fail after the old file exists.
    mkdirSync(join(dir, '.bundle.yaml.7.tmp'));
    assert.throws(() => writeFileAtomic(file, 'new\n', 7));
    assert.is(readFileSync(file, 'utf8'), 'old\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('readTextFile reports missing files and directories', () => {
  assert.is(readTextFile('/nonexistent/katalog.yaml').type, 'missing');
  assert.is(readTextFile(tmpdir()).type, 'directory');
});

test.run();

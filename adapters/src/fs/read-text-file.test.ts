import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readTextFile } from './read-text-file.ts';

const test = suite('read-text-file');
const dir = mkdtempSync(join(tmpdir(), 'ork-read-'));

test('reads a file whole under the cap', () => {
  writeFileSync(join(dir, 'a.yaml'), 'kind: Katalog\n');
  assert.equal(readTextFile(join(dir, 'a.yaml')), { type: 'ok', text: 'kind: Katalog\n' });
});

test('a file over the cap is refused', () => {
  writeFileSync(join(dir, 'big'), 'x'.repeat(5000));
  const r = readTextFile(join(dir, 'big'), 4096);
  assert.is(r.type, 'too-large');
});

test('/dev/zero stops at the cap (stat says 0 bytes; issue 12 grew to 6.9 GB)', () => {
  const r = readTextFile('/dev/zero', 1024 * 1024);
  assert.is(r.type, 'too-large');
  if (r.type === 'too-large') assert.match(r.message, /larger than 1 MiB/);
});

test('missing files and directories say so', () => {
  assert.is(readTextFile(join(dir, 'nope')).type, 'missing');
  assert.is(readTextFile(dir).type, 'directory');
});

test('endless standard input stops at the cap', () => {
  // `yes` never ends; the reader must return once it has read one byte past the cap.
  const module = new URL('./read-text-file.js', import.meta.url).href;
  const script = `const m = await import(${JSON.stringify(module)}); const r = m.readStdin(65536); process.stdout.write(r.type + ' ' + (r.message ?? ''));`;
  const r = spawnSync('sh', ['-c', 'yes | "$NODE" --input-type=module -e "$SCRIPT"'], {
    encoding: 'utf8', timeout: 20_000, env: { ...process.env, NODE: process.execPath, SCRIPT: script },
  });
  assert.is(r.status, 0, r.stderr);
  assert.match(r.stdout, /^too-large standard input is larger than 64 KiB/);
});

test.run();

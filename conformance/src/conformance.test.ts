// One runner for every case under conformance/cases/<name>/: plain files in, expected files out.
// UPDATE_GOLDENS=1 rewrites the expected files from the current output (review the diff!).
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { produceOutputs } from './produce-outputs.ts';

const CASES = new URL('../cases/', import.meta.url).pathname;
const update = process.env['UPDATE_GOLDENS'] === '1';
const test = suite('conformance');

const names = readdirSync(CASES).filter((n) => existsSync(join(CASES, n, 'katalog.yaml'))).sort();

for (const name of names) {
  test(name, () => {
    const dir = join(CASES, name);
    const outputs = produceOutputs(dir);
    const expectedDir = join(dir, 'expected');
    if (update) {
      rmSync(expectedDir, { recursive: true, force: true });
      mkdirSync(expectedDir, { recursive: true });
      for (const [file, text] of Object.entries(outputs)) writeFileSync(join(expectedDir, file), text);
      return;
    }
    assert.ok(existsSync(expectedDir), `${name} has no expected/ folder: run with UPDATE_GOLDENS=1 and review`);
    const expectedFiles = readdirSync(expectedDir).sort();
    assert.equal(Object.keys(outputs).sort(), expectedFiles, `${name}: produced files differ from expected/`);
    for (const file of expectedFiles) {
      assert.fixture(outputs[file]!, readFileSync(join(expectedDir, file), 'utf8'), `${name}/expected/${file}`);
    }
  });
}

test('the suite holds at least 40 cases, valid and invalid', () => {
  assert.ok(names.length >= 40, `only ${names.length} cases`);
  const invalid = names.filter((n) => readFileSync(join(CASES, n, 'expected', 'diagnostics.txt'), 'utf8').includes(': error '));
  assert.ok(invalid.length >= 15 && names.length - invalid.length >= 15, `${invalid.length} invalid of ${names.length}`);
});

test.run();

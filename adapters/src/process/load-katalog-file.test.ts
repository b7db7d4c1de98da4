import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { loadKatalogFile } from './load-katalog-file.ts';

const test = suite('loadKatalogFile');
const dir = mkdtempSync(join(tmpdir(), 'ork-load-katalog-'));

test('a missing file says so in one line', () => {
  assert.equal(loadKatalogFile(join(dir, 'none.yaml')), { type: 'error', message: `cannot read Katalog ${join(dir, 'none.yaml')}: no such file` });
});

test('an invalid Katalog names the first error with file:line:col and its code', () => {
  const file = join(dir, 'bad.yaml');
  writeFileSync(file, 'apiVersion: orkestra.orkspace.io/v1\nkind: Katalog\nmetadata: { name: t }\nspec:\n  crds: 7\n');
  const r = loadKatalogFile(file);
  assert.is(r.type, 'error');
  assert.match(r.type === 'error' ? r.message : '', new RegExp(`^${file}:5:\\d+: ORK\\d{4} `));
});

test('a Katalog nested 10,000 levels deep is one positioned line, not a RangeError (issue 12: ork run and ork gate crashed)', () => {
  const file = join(dir, 'deep.yaml');
  writeFileSync(file, `apiVersion: orkestra.orkspace.io/v1\nkind: Katalog\nmetadata: { name: t }\nspec: {crds: {a: ${'['.repeat(10_000)}${']'.repeat(10_000)}}}\n`);
  const r = loadKatalogFile(file);
  assert.equal(r, { type: 'error', message: `${file}:4:115: ORK1012 mappings and sequences are nested more than 100 levels deep here` });
});

test('a valid Katalog is returned', () => {
  const file = join(dir, 'ok.yaml');
  writeFileSync(file, 'apiVersion: orkestra.orkspace.io/v1\nkind: Katalog\nmetadata: { name: t }\nspec:\n  crds:\n    website:\n      apiTypes: { group: demo.orkestra.io, version: v1, kind: Website, plural: websites }\n');
  const r = loadKatalogFile(file);
  assert.is(r.type === 'ok' ? r.katalog.crds.length : -1, 1);
});

test.run();

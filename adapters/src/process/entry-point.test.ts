import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { isEntryPoint, readPackageVersion } from './entry-point.ts';

const test = suite('isEntryPoint, readPackageVersion');
const dir = mkdtempSync(join(tmpdir(), 'ork-entry-'));
const main = join(dir, 'main.js');
writeFileSync(main, '');
symlinkSync(main, join(dir, 'link.js'));

test('the started script, directly or through a symlink, is the entry point; another is not', () => {
  assert.ok(isEntryPoint(pathToFileURL(main).href, main));
  assert.ok(isEntryPoint(pathToFileURL(main).href, join(dir, 'link.js')));
  assert.not.ok(isEntryPoint(pathToFileURL(main).href, join(dir, 'other.js')));
  assert.not.ok(isEntryPoint(pathToFileURL(main).href, undefined));
});

test('the version comes from package.json, with a fallback', () => {
  writeFileSync(join(dir, 'package.json'), '{"version":"1.2.3"}');
  assert.is(readPackageVersion(pathToFileURL(join(dir, 'package.json'))), '1.2.3');
  assert.is(readPackageVersion(pathToFileURL(join(dir, 'missing.json'))), '0.0.0-dev');
});

test.run();

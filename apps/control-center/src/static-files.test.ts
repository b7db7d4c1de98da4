import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { contentTypeOf, readStaticFile, safeSegments } from './static-files.ts';

const test = suite('static files');
const dir = mkdtempSync(join(tmpdir(), 'ork-cc-static-'));
const root = join(dir, 'public');
mkdirSync(join(root, 'assets'), { recursive: true });
writeFileSync(join(root, 'index.html'), '<!doctype html>');
writeFileSync(join(root, 'assets', 'app.js'), 'export {};');
writeFileSync(join(root, '.secret'), 'no');
writeFileSync(join(dir, 'outside.txt'), 'outside');
symlinkSync(join(dir, 'outside.txt'), join(root, 'assets', 'link.txt'));
const rootUrl = pathToFileURL(`${root}/`);

const segments: [string, string[] | undefined][] = [
  ['', []],
  ['assets/app.js', ['assets', 'app.js']],
  ['assets/my%20file.css', ['assets', 'my file.css']],
  ['../package.json', undefined],
  ['assets/../../x', undefined],
  ['%2e%2e/x', undefined],
  ['..%2fx', undefined],
  ['assets%2fapp.js', undefined],
  ['..%5cx', undefined],
  ['a%00b', undefined],
  ['.secret', undefined],
  ['assets//app.js', undefined],
  ['%E0%A4%A', undefined],
];
for (const [path, want] of segments) test(`safeSegments(${JSON.stringify(path)})`, () => assert.equal(safeSegments(path), want));

const types: [string, string][] = [
  ['index.html', 'text/html; charset=utf-8'], ['app.js', 'text/javascript; charset=utf-8'], ['app.mjs', 'text/javascript; charset=utf-8'],
  ['style.css', 'text/css; charset=utf-8'], ['logo.svg', 'image/svg+xml'], ['icon.PNG', 'image/png'], ['data.bin', 'application/octet-stream'],
];
for (const [file, type] of types) test(`contentTypeOf(${file})`, () => assert.is(contentTypeOf(file), type));

test('reads files inside the root with their type and a validator', async () => {
  const file = await readStaticFile(rootUrl, ['assets', 'app.js']);
  assert.is(file?.body.toString(), 'export {};');
  assert.is(file?.contentType, 'text/javascript; charset=utf-8');
  assert.match(file?.etag ?? '', /^W\/"[0-9a-f]+-[0-9a-f]+"$/);
});

test('a directory, a missing file and a symlink out of the root are not served', async () => {
  assert.is(await readStaticFile(rootUrl, ['assets']), undefined);
  assert.is(await readStaticFile(rootUrl, ['missing.js']), undefined);
  assert.is(await readStaticFile(rootUrl, ['assets', 'link.txt']), undefined);
  assert.is(await readStaticFile(pathToFileURL(`${join(dir, 'nope')}/`), ['index.html']), undefined);
});

test.run();

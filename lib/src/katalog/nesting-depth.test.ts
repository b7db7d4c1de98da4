import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseSimpleYaml } from './parse-simple-yaml.ts';
import { readYaml } from './read-yaml.ts';

const test = suite('nesting depth');
const HEAD = 'apiVersion: orkestra.orkspace.io/v1\nkind: Katalog\nmetadata: {name: x}\n';

// What parseKatalog does: the fast reader first, the full reader when it gives up.
function codes(text: string): string[] {
  if (parseSimpleYaml(text) !== undefined) return [];
  return readYaml('k.yaml', text).diagnostics.map((d) => `${d.code}@${d.line}:${d.column}`);
}

test('10,000 levels of flow nesting: ORK1012 at the first too-deep collection, no RangeError (issue 12)', () => {
  const text = `${HEAD}spec: {crds: {a: ${'['.repeat(10_000)}${']'.repeat(10_000)}}}\n`;
  // Depth 100 is reached by the 97th "[" (document, spec and crds maps come first), at column 18 + 97.
  assert.equal(codes(text), ['ORK1012@4:115']);
});

test('deep block nesting is caught by both readers', () => {
  const lines = Array.from({ length: 150 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n');
  assert.is(parseSimpleYaml(lines), undefined, 'the fast reader hands deep documents to the full reader');
  const read = readYaml('k.yaml', lines);
  assert.equal(read.diagnostics.map((d) => `${d.code}@${d.line}`), ['ORK1012@101']);
});

test('compact sequences ("- - - x") count too', () => {
  const read = readYaml('k.yaml', `a:\n  ${'- '.repeat(5000)}x\n`);
  assert.equal(read.diagnostics.map((d) => d.code), ['ORK1012']);
});

test('aliases cannot stack shallow pieces into a deep value', () => {
  // Three pieces 45 deep, each holding the one before: 135 levels from three aliases.
  const piece = (inner: string) => `${'['.repeat(45)}${inner}${']'.repeat(45)}`;
  const rows = [`a0: &a0 ${piece('x')}`, `a1: &a1 ${piece('*a0')}`, `a2: ${piece('*a1')}`];
  const read = readYaml('k.yaml', `${rows.join('\n')}\n`);
  assert.equal(read.diagnostics.map((d) => d.code), ['ORK1012']);
});

test('a Katalog at a reasonable depth is read as before', () => {
  const text = `${HEAD}spec: {crds: {a: ${'['.repeat(50)}${']'.repeat(50)}}}\n`;
  assert.equal(codes(text), []);
  assert.ok(parseSimpleYaml(text) !== undefined);
});

test.run();

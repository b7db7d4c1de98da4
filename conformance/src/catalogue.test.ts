import { readFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { CODES } from '@orkestra/lib';

const test = suite('diagnostics catalogue');
const doc = readFileSync(new URL('../../spec/diagnostics.md', import.meta.url), 'utf8');

test('spec/diagnostics.md lists exactly the codes of the catalogue, with their severity', () => {
  const documented = [...doc.matchAll(/^### (ORK\d{4}): (.+)\n\nSeverity: (\w+)\./gm)].map((m) => `${m[1]} ${m[3]}`);
  const catalogued = Object.entries(CODES).map(([code, info]) => `${code} ${info.severity}`);
  assert.equal(documented, catalogued);
});

test('codes are unique and within their documented ranges', () => {
  for (const code of Object.keys(CODES)) assert.ok(/^ORK[1-5]\d{3}$/.test(code), code);
});

test.run();

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { compileTemplate } from './compile-template.ts';
import { templateReferences, type TemplatePathRef } from './template-references.ts';

const test = suite('templateReferences');

const refs = (source: string): TemplatePathRef[] | string => {
  const compiled = compileTemplate(source);
  return compiled.ok ? templateReferences(compiled.template) : compiled.error.message;
};

test('lists every path with the offset of its first token, in source order', () => {
  const source = 'name: {{ .metadata.name }}-{{ .spec.tier | default .spec.fallback | lower }}';
  assert.equal(refs(source), [
    { path: ['metadata', 'name'], offset: 9 },
    { path: ['spec', 'tier'], offset: 30 },
    { path: ['spec', 'fallback'], offset: 51 },
  ]);
  assert.is(source.slice(9, 23), '.metadata.name');
  assert.is(source.slice(51, 65), '.spec.fallback');
});

test('walks if conditions, branches, else, nested calls and parentheses', () => {
  const source = '{{ if eq .spec.a 1 }}{{ .spec.b }}{{ else if (not .spec.c) }}{{ printf "%s" (lower .spec.d) }}{{ else }}{{ .status.e }}{{ end }}';
  const found = refs(source);
  assert.ok(Array.isArray(found));
  if (!Array.isArray(found)) return;
  assert.equal(found.map((r) => r.path.join('.')), ['spec.a', 'spec.b', 'spec.c', 'spec.d', 'status.e']);
  for (const ref of found) assert.is(source.slice(ref.offset, ref.offset + 1), '.');
});

test('$ paths point at the $, and the whole object is the empty path', () => {
  assert.equal(refs('{{ $.spec.x }} {{ . }} {{ $ }}'), [
    { path: ['spec', 'x'], offset: 3 },
    { path: [], offset: 18 },
    { path: [], offset: 26 },
  ]);
});

test('repeated paths are listed once per occurrence; literals and comments add nothing', () => {
  assert.equal(refs('{{ .spec.a }}{{/* .spec.z */}}{{ .spec.a }}{{ "x" }}'), [
    { path: ['spec', 'a'], offset: 3 },
    { path: ['spec', 'a'], offset: 33 },
  ]);
  assert.equal(refs('no template'), []);
});

test('offsets count UTF-16 code units after non-ASCII text and newlines', () => {
  const source = 'é🚀\n  {{ .spec.x }}';
  const found = refs(source);
  assert.equal(found, [{ path: ['spec', 'x'], offset: 9 }]);
  assert.is(source.slice(9, 16), '.spec.x');
});

test.run();

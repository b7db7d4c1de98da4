import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { compileTemplate } from './compile-template.ts';
import { TEMPLATE_LIMITS } from './limits.ts';
import { renderTemplate } from './render-template.ts';

const test = suite('template security and limits');

const render = (source: string, data: unknown): { ok: true; value: unknown } | { ok: false; error: string } => {
  const compiled = compileTemplate(source, { roots: 'any' });
  if (!compiled.ok) return { ok: false, error: `compile: ${compiled.error.message}` };
  return renderTemplate(compiled.template, data);
};

const CR = { metadata: { name: 'web' }, spec: { image: 'nginx', list: [1, 2] } };

// Inherited properties are JavaScript internals, not data: they read as missing.
const INTERNALS = [
  '{{ .spec.__proto__ }}', '{{ .spec.constructor }}', '{{ .spec.constructor.name }}', '{{ .spec.hasOwnProperty }}',
  '{{ .spec.toString }}', '{{ .spec.valueOf }}', '{{ .spec.image.length }}', '{{ .spec.list.length }}',
  '{{ .__proto__.polluted }}', '{{ .constructor.prototype }}', '{{ .spec.__defineGetter__ }}',
];

for (const source of INTERNALS) {
  test(`${source} does not reach JavaScript internals`, () => {
    assert.equal(render(source, CR), { ok: true, value: undefined });
  });
}

test('own "__proto__" and "constructor" keys from JSON are ordinary data', () => {
  const data = JSON.parse('{"spec": {"__proto__": {"x": 1}, "constructor": "ctor"}}') as unknown;
  assert.equal(render('{{ .spec.__proto__.x }}', data), { ok: true, value: 1 });
  assert.equal(render('{{ .spec.constructor }}', data), { ok: true, value: 'ctor' });
  assert.equal(render('{{ toJson .spec }}', data), { ok: true, value: '{"__proto__":{"x":1},"constructor":"ctor"}' });
});

test('getters in the data never run', () => {
  let calls = 0;
  const spec = Object.defineProperty({}, 'secret', { enumerable: true, get: () => { calls++; return 'leak'; } });
  const data = { spec };
  assert.equal(render('{{ .spec.secret }}', data), { ok: true, value: undefined });
  assert.equal(render('{{ toJson .spec }}', data), { ok: true, value: '{}' });
  assert.equal(render('{{ .spec }}', data), { ok: true, value: {} });
  assert.is(calls, 0);
});

test('functions in the data read as nil and are never called', () => {
  let calls = 0;
  const data = { spec: { run: () => { calls++; return 'ran'; } } };
  assert.equal(render('{{ .spec.run }}', data), { ok: true, value: undefined });
  assert.equal(render('[{{ .spec.run }}]', data), { ok: true, value: '[]' });
  assert.is(calls, 0);
});

test('rendered output longer than the limit is an error', () => {
  const chunk = 'x'.repeat(1000);
  const data = { spec: { chunk: chunk.repeat(600) } };
  const twice = render('{{ .spec.chunk }}{{ .spec.chunk }}', data);
  assert.ok(!twice.ok && twice.error.includes('output is longer than'));
  const once = render('{{ .spec.chunk }}!', data);
  assert.ok(once.ok);
});

test('functions cannot build strings past the limit', () => {
  const data = { spec: { chunk: 'x'.repeat(600_000) } };
  const grown = render('{{ .spec.chunk | replace "x" "xx" }}', data);
  assert.ok(!grown.ok && grown.error.includes('replace: result is longer than'));
  const padded = render(`{{ printf "%${TEMPLATE_LIMITS.maxOutputLength + 1}d" 1 }}`, data);
  assert.ok(!padded.ok && padded.error.includes('too large'));
  const doubled = render('{{ printf "%s%s" .spec.chunk .spec.chunk }}', data);
  assert.ok(!doubled.ok && doubled.error.includes('printf: output is too long'));
});

test('a long pipeline over big data stops at the work budget', () => {
  const data = { spec: { chunk: 'x'.repeat(1_000_000) } };
  const source = '{{ .spec.chunk' + ' | trim'.repeat(20) + ' | trunc 1 }}';
  const result = render(source, data);
  assert.ok(!result.ok && result.error.includes('too much work'), result.ok ? 'rendered' : result.error);
});

test('replace and quote size their result before building it', () => {
  const data = { spec: { a: 'a'.repeat(500_000), big: 'b'.repeat(500_000) } };
  const replaced = render('{{ replace "a" .spec.big .spec.a }}', data);
  assert.ok(!replaced.ok && replaced.error.includes('replace: result is longer than'));
  const inserted = render('{{ replace "" .spec.big .spec.a }}', data);
  assert.ok(!inserted.ok && inserted.error.includes('replace: result is longer than'));
  const quoted = render('{{ quote .spec.a .spec.a .spec.a }}', data);
  assert.ok(!quoted.ok && quoted.error.includes('quote: result is longer than'));
});

test('long runs of spaces stay linear for trim markers and trim', () => {
  const spaces = ' '.repeat(30_000);
  const compiled = compileTemplate(`a${spaces}b${spaces}{{- "c" }}`);
  assert.ok(compiled.ok);
  if (compiled.ok) assert.equal(renderTemplate(compiled.template, {}), { ok: true, value: `a${spaces}bc` });
  const inner = `x${' '.repeat(500_000)}y`;
  assert.equal(render('{{ trim .spec.s }}', { spec: { s: ` ${inner} ` } }), { ok: true, value: inner });
});

test('toJson refuses cyclic or absurdly deep values instead of overflowing', () => {
  const cyclic: Record<string, unknown> = {};
  cyclic['self'] = cyclic;
  const result = render('{{ toJson .spec }}', { spec: cyclic });
  assert.ok(!result.ok && result.error.includes('nested deeper'));
  const typed = render('{{ .spec }}', { spec: cyclic });
  assert.ok(!typed.ok && typed.error.includes('nested deeper'));
});

test('rendering never throws, whatever the data', () => {
  const hostile: unknown[] = [undefined, null, 0, 'x', [], Symbol('s'), () => 1, new Map([['spec', 1]]), Object.create(null)];
  for (const data of hostile) {
    const result = render('{{ .spec.a }}-{{ toJson . }}-{{ if .spec }}y{{ end }}', data);
    assert.ok(result.ok, result.ok ? '' : result.error);
  }
});

test.run();

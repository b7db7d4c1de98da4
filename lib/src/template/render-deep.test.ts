import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Template } from './ast.ts';
import { TEMPLATE_LIMITS } from './limits.ts';
import { renderDeep } from './render-deep.ts';

const test = suite('renderDeep');

const CR = { metadata: { name: 'web' }, spec: { replicas: 3, env: { A: '1' }, tier: 'Front' } };

test('renders strings at any depth, keeps types for single actions, leaves the rest alone', () => {
  const input = {
    name: '{{ .metadata.name }}-deployment',
    replicas: '{{ .spec.replicas }}',
    literal: 'no template',
    number: 5, flag: false, nothing: null,
    env: [{ name: 'TIER', value: '{{ .spec.tier | lower }}' }, { name: 'ALL', value: '{{ .spec.env }}' }],
    nested: { deeper: ['{{ .spec.replicas | add 1 }}', 'x'] },
  };
  assert.equal(renderDeep(input, CR), {
    ok: true,
    value: {
      name: 'web-deployment',
      replicas: 3,
      literal: 'no template',
      number: 5, flag: false, nothing: null,
      env: [{ name: 'TIER', value: 'front' }, { name: 'ALL', value: { A: '1' } }],
      nested: { deeper: [4, 'x'] },
    },
  });
});

test('map keys are never rendered', () => {
  assert.equal(renderDeep({ '{{ .metadata.name }}': '{{ .metadata.name }}' }, CR), {
    ok: true, value: { '{{ .metadata.name }}': 'web' },
  });
});

test('a single action that yields nil becomes "" and the key stays', () => {
  assert.equal(renderDeep({ a: '{{ .spec.missing }}', b: ['{{ .spec.missing }}'] }, CR), { ok: true, value: { a: '', b: [''] } });
});

test('a top-level string or scalar works too', () => {
  assert.equal(renderDeep('{{ .spec.replicas }}', CR), { ok: true, value: 3 });
  assert.equal(renderDeep(7, CR), { ok: true, value: 7 });
});

test('returns a new value and leaves the input untouched', () => {
  const input = { a: ['{{ .metadata.name }}'] };
  const result = renderDeep(input, CR);
  assert.equal(input, { a: ['{{ .metadata.name }}'] });
  assert.ok(result.ok && result.value !== input);
});

// [input, error path, message fragment]
const FAILURES: [unknown, string, string][] = [
  [{ spec: { template: { replicas: '{{ int .spec.tier }}' } } }, 'spec.template.replicas', 'int: cannot convert string "Front"'],
  [{ env: [{ value: 'ok' }, { value: '{{ nope }}' }] }, 'env[1].value', 'ORK1201 at offset 3: unknown function "nope"'],
  [[['{{ .spec.a']], '[0][0]', 'ORK1200 at offset 0: unclosed action'],
  [{ a: '{{ .kind }}' }, 'a', 'ORK1204'],
  ['{{ printf "%d" "x" }}', '', 'printf: %d needs an integer'],
];

for (const [input, path, message] of FAILURES) {
  test(`reports the path ${JSON.stringify(path)} of a failing template`, () => {
    const result = renderDeep(input, CR);
    assert.is(result.ok, false);
    if (result.ok) return;
    assert.is(result.path, path);
    assert.ok(result.error.includes(message), `"${result.error}" lacks "${message}"`);
  });
}

test('roots can be widened for other contexts', () => {
  assert.equal(renderDeep({ a: '{{ .kind }}' }, { kind: 'Website' }, { roots: 'any' }), { ok: true, value: { a: 'Website' } });
});

test('a caller-owned cache is filled once per distinct source and reused', () => {
  const cache = new Map<string, Template>();
  const input = { a: '{{ .metadata.name }}', b: '{{ .metadata.name }}', c: '{{ .spec.replicas }}' };
  assert.equal(renderDeep(input, CR, { cache }), { ok: true, value: { a: 'web', b: 'web', c: 3 } });
  assert.equal([...cache.keys()].sort(), ['{{ .metadata.name }}', '{{ .spec.replicas }}']);
  const other = renderDeep(input, { metadata: { name: 'api' }, spec: { replicas: 1 } }, { cache });
  assert.equal(other, { ok: true, value: { a: 'api', b: 'api', c: 1 } });
  assert.is(cache.size, 2);
});

test('a "__proto__" key is copied as data, never as a prototype', () => {
  const input = JSON.parse('{"__proto__": {"polluted": "{{ .metadata.name }}"}}') as unknown;
  const result = renderDeep(input, CR);
  assert.ok(result.ok);
  if (!result.ok) return;
  const value = result.value as Record<string, unknown>;
  assert.is(Object.getPrototypeOf(value), Object.prototype);
  assert.equal(Object.getOwnPropertyDescriptor(value, '__proto__')?.value, { polluted: 'web' });
  assert.is(({} as Record<string, unknown>)['polluted'], undefined);
});

test('nesting deeper than the limit is an error, not a stack overflow', () => {
  let deep: unknown = 'x';
  for (let i = 0; i <= TEMPLATE_LIMITS.maxValueDepth; i++) deep = [deep];
  const result = renderDeep(deep, CR);
  assert.is(result.ok, false);
  if (!result.ok) assert.ok(result.error.includes('nested deeper'));
});

test.run();

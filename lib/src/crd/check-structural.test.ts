import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { checkStructural } from './check-structural.ts';
import { CONDITION_SCHEMA } from './status-schema.ts';

const test = suite('check-structural');

const STRUCTURAL: [string, unknown][] = [
  ['a typed object', { type: 'object', properties: { a: { type: 'string' }, b: { type: 'array', items: { type: 'integer' } } } }],
  ['a string map', { type: 'object', additionalProperties: { type: 'string' } }],
  ['preserve-unknown-fields without a type', { type: 'object', properties: { x: { 'x-kubernetes-preserve-unknown-fields': true } } }],
  ['the int-or-string pattern', { type: 'object', properties: { p: { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }] } } }],
  ['the allOf int-or-string pattern', { 'x-kubernetes-int-or-string': true, allOf: [{ anyOf: [{ type: 'integer' }, { type: 'string' }] }, { pattern: '^[0-9]+%?$' }] }],
  ['value-only junctors over declared fields', {
    type: 'object',
    properties: { a: { type: 'string' }, b: { type: 'object', properties: { c: { type: 'integer' } } } },
    oneOf: [{ required: ['a'] }, { properties: { b: { properties: { c: { minimum: 1 } } } } }],
    not: { required: ['a', 'b'] },
  }],
  ['CEL rules, list types and formats', {
    type: 'object',
    'x-kubernetes-validations': [{ rule: 'self.a != ""' }],
    properties: { a: { type: 'string', format: 'date-time' }, l: { type: 'array', 'x-kubernetes-list-type': 'set', items: { type: 'string' } } },
  }],
  // kube-apiserver v1.37 accepts these although the structural-schema documentation is stricter.
  ['additionalProperties false', { type: 'object', additionalProperties: false }],
  ['a field only constrained inside oneOf', { type: 'object', oneOf: [{ properties: { z: { minimum: 1 } } }] }],
  ['int-or-string with a type', { type: 'object', properties: { p: { 'x-kubernetes-int-or-string': true, type: 'string' } } }],
  ['unused definitions', { type: 'object', definitions: {} }],
  ['the condition schema', { type: 'array', items: CONDITION_SCHEMA, 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['type'] }],
];

for (const [what, schema] of STRUCTURAL) {
  test(`structural: ${what}`, () => assert.equal(checkStructural(schema), []));
}

// [what, schema, expected problems as "path: message-fragment"]
const NOT_STRUCTURAL: [string, unknown, string[]][] = [
  ['a field without a type', { type: 'object', properties: { a: { description: 'x' } } }, ['properties.a: needs a type']],
  ['array items without a type', { type: 'array', items: { minLength: 1 } }, ['items: needs a type']],
  ['an array without items', { type: 'array' }, ['items: must be given']],
  ['$ref', { type: 'object', properties: { a: { $ref: '#/definitions/a' } } }, ['properties.a.$ref: not supported', 'properties.a: needs a type']],
  ['properties and additionalProperties', { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: { type: 'string' } }, ['additionalProperties: cannot be used together']],
  ['type inside anyOf', { type: 'object', properties: { a: { type: 'string' } }, anyOf: [{ type: 'object' }] }, ['anyOf.0.type: not allowed']],
  ['description inside not', { type: 'string', not: { description: 'x', enum: ['a'] } }, ['not.description: not allowed']],
  ['preserve-unknown-fields false', { type: 'object', 'x-kubernetes-preserve-unknown-fields': false }, ['x-kubernetes-preserve-unknown-fields: must be true or left out']],
  ['an unknown type', { type: 'null' }, ['type: must be one of']],
  ['a type list', { type: ['string', 'null'] }, ['type: must be one of']],
  ['tuple items', { type: 'array', items: [{ type: 'string' }] }, ['items: must be one schema']],
  ['uniqueItems', { type: 'array', items: { type: 'string' }, uniqueItems: true }, ['uniqueItems: cannot be true']],
  ['an unknown keyword', { type: 'string', examples: ['a'] }, ['examples: unknown schema keyword']],
  ['const (not a JSONSchemaProps field)', { type: 'string', const: 'a' }, ['const: unknown schema keyword']],
  ['patternProperties', { type: 'object', patternProperties: { '^a': { type: 'string' } } }, ['patternProperties: not supported']],
  ['a type inside a branch field', { type: 'object', properties: { a: { type: 'string' } }, allOf: [{ properties: { a: { type: 'string' } } }] }, ['allOf.0.properties.a.type: not allowed']],
  ['a default inside a branch field', { type: 'object', properties: { a: { type: 'string' } }, allOf: [{ properties: { a: { default: 'x' } } }] }, ['allOf.0.properties.a.default: not allowed']],
  ['a map list without keys', { type: 'array', items: { type: 'object' }, 'x-kubernetes-list-type': 'map' }, ['x-kubernetes-list-map-keys: must list the key fields']],
  ['a list type on an object', { type: 'object', 'x-kubernetes-list-type': 'set' }, ['x-kubernetes-list-type: only allowed on arrays']],
  ['not a mapping', { type: 'object', properties: { a: 'string' } }, ['properties.a: must be a schema']],
];

for (const [what, schema, expected] of NOT_STRUCTURAL) {
  test(`not structural: ${what}`, () => {
    const problems = checkStructural(schema).map((p) => `${p.path.join('.')}: ${p.message}`);
    assert.is(problems.length, expected.length, problems.join('\n'));
    expected.forEach((fragment, i) => {
      const [path, message] = fragment.split(': ');
      assert.ok(problems[i]!.startsWith(`${path}: `) && problems[i]!.includes(message!), `${problems[i]} should match ${fragment}`);
    });
  });
}

test.run();

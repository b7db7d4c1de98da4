import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as v from 'valibot';
import { coded } from '../field-schemas/coded.ts';
import { valibotToJsonSchema } from './valibot-to-json-schema.ts';

const test = suite('valibot-to-json-schema');

const CASES: [string, v.GenericSchema, unknown][] = [
  ['string', v.string(), { type: 'string' }],
  ['integer with bounds', v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(9)), { type: 'integer', minimum: 1, maximum: 9 }],
  ['boolean', v.boolean(), { type: 'boolean' }],
  ['picklist', v.picklist(['a', 'b']), { type: 'string', enum: ['a', 'b'] }],
  ['literal', v.literal(3), { enum: [3] }],
  ['regex and lengths', v.pipe(v.string(), v.regex(/^a+$/), v.minLength(1), v.maxLength(5)), { type: 'string', pattern: '^a+$', minLength: 1, maxLength: 5 }],
  ['array with a minimum', v.pipe(v.array(v.string()), v.minLength(1)), { type: 'array', items: { type: 'string' }, minItems: 1 }],
  ['strict object with optional keys', v.strictObject({ a: v.string(), b: v.optional(v.number()) }),
    { type: 'object', properties: { a: { type: 'string' }, b: { type: 'number' } }, required: ['a'], additionalProperties: false }],
  ['loose object', v.object({ a: v.optional(v.string()) }), { type: 'object', properties: { a: { type: 'string' } } }],
  ['record', v.record(v.string(), v.boolean()), { type: 'object', additionalProperties: { type: 'boolean' } }],
  ['record with a key pattern', v.record(v.pipe(v.string(), v.regex(/^x/)), v.string()), { type: 'object', propertyNames: { pattern: '^x' }, additionalProperties: { type: 'string' } }],
  ['nested unions flatten', v.union([v.string(), v.union([v.number(), v.boolean()])]), { anyOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }] }],
  ['unknown accepts anything', v.unknown(), {}],
  ['nullable', v.nullable(v.string()), { anyOf: [{ type: 'string' }, { type: 'null' }] }],
  ['title and description', v.pipe(v.string(), v.title('T'), v.description('D')), { type: 'string', title: 'T', description: 'D' }],
  ['a coded check becomes a description', v.pipe(v.string(), v.check(() => true, coded('ORK1104', 'must be short'))), { type: 'string', description: 'Must be short.' }],
];

for (const [what, schema, expected] of CASES) {
  test(what, () => assert.equal(valibotToJsonSchema(schema).schema, expected));
}

test('definitions, replacements and fixed schemas match by identity', () => {
  const item = v.strictObject({ n: v.number() });
  const placeholder = v.unknown();
  const special = v.pipe(v.string(), v.check((s) => s.startsWith('{{')));
  const root = v.strictObject({ a: v.array(item), b: v.optional(item), c: placeholder, d: special });
  const out = valibotToJsonSchema(root, {
    definitions: new Map([[item, 'item']]),
    replace: new Map([[placeholder, v.boolean()]]),
    fixed: new Map([[special, { type: 'string', pattern: '^\\{\\{' }]]),
  });
  assert.equal(out.schema, {
    type: 'object',
    properties: {
      a: { type: 'array', items: { $ref: '#/definitions/item' } },
      b: { $ref: '#/definitions/item' },
      c: { type: 'boolean' },
      d: { type: 'string', pattern: '^\\{\\{' },
    },
    required: ['a', 'c', 'd'],
    additionalProperties: false,
  });
  assert.equal(out.definitions, { item: { type: 'object', properties: { n: { type: 'number' } }, required: ['n'], additionalProperties: false } });
});

test.run();

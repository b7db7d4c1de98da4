import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as v from 'valibot';
import { checkConditionType } from './check-condition-type.ts';
import { conditionSchema } from './condition-schema.ts';
import { parseCondition } from './parse-condition.ts';
import type { ValueType } from '../template/index.ts';

const test = suite('conditions: validation');

const problems = (raw: Record<string, unknown>) => {
  const shape = v.safeParse(conditionSchema, raw);
  assert.ok(shape.success, `shape of ${JSON.stringify(raw)}`);
  return parseCondition(shape.output as never).problems.map((p) => `${p.code} ${p.at.join('.')}: ${p.message}`);
};

// [condition, the problem it must report]: each mistake found before any custom resource exists.
const BAD: [Record<string, unknown>, string][] = [
  [{ field: 'spec.a', operator: 'greaterThen', value: 1 }, 'ORK1120 operator: unknown condition operator "greaterThen"'],
  [{ field: 'spec.a', operator: 'eq', value: 1 }, 'ORK1120 operator'],
  [{ field: 'spec.a', equals: 'x', in: ['x'] }, 'ORK1121 in: a condition has one operator, this one has "equals" and "in"'],
  [{ field: 'spec.a', operator: 'equals', value: 'x', notEquals: 'y' }, 'ORK1121'],
  [{ field: 'spec.a', operator: 'gt' }, 'ORK1122 value: gt needs a value'],
  [{ field: 'spec.a', operator: 'in' }, 'ORK1122 value: in needs a value'],
  [{ field: 'spec.a', greaterThan: 'abc' }, 'ORK1124 greaterThan: gt compares numbers, got "abc"'],
  [{ field: 'spec.a', min: 'x' }, 'ORK1124 min: gte compares numbers'],
  [{ field: 'spec.a', between: '1' }, 'ORK1124 between: between takes "min,max"'],
  [{ field: 'spec.a', between: '10,1' }, 'ORK1124 between: between range 10,1 is empty'],
  [{ field: 'spec.a', notBetween: [1, 'x'] }, 'ORK1124 notBetween'],
  [{ field: 'spec.a', equals: ['x', 'y'] }, 'ORK1124 equals: equals compares with one value, got a list'],
  [{ field: 'spec.a', operator: 'typeOf', value: 'dict' }, 'ORK1124 value: typeOf compares with a type name'],
  [{ field: 'spec.a', equals: 'x', valueType: 'int' }, 'ORK1124 equals: valueType is int, but "x" is not an integer'],
  [{ field: 'spec.a', in: ['1', 'two'], valueType: 'float' }, 'ORK1124 in: valueType is float'],
  [{ field: 'spec.a', regex: '(?=x)' }, 'ORK1113 regex: pattern cannot run on RE2'],
  [{ field: 'spec.a', regex: '([' }, 'ORK1113 regex'],
  [{ field: 'apiVersion', exists: true }, 'ORK1126 field: field "apiVersion" must start with metadata., spec., status., children.'],
  [{ field: 'spec..a', exists: true }, 'ORK1126 field'],
  [{ field: '', exists: true }, 'ORK1126 field'],
  [{ field: 'metrics.queueDepth', greaterThan: 500 }, 'ORK1130 field: runtime metrics (.metrics) is not supported by this version of Orkestra'],
  [{ field: 'cross.db.found', equals: 'true' }, 'ORK1130 field'],
  [{ field: '{{ .spec.a | nope }}', exists: true }, 'ORK1201 field: unknown function "nope"'],
  [{ field: '{{ .cross.x }}', exists: true }, 'ORK1204 field'],
  [{ field: 'spec.a', equals: '{{ .spec.b ' }, 'ORK1200 equals'],
  [{ operator: 'exists' }, 'ORK1102 : missing required field "field"'],
];

for (const [raw, expected] of BAD) {
  test(`${JSON.stringify(raw)} → ${expected.split(':')[0]}`, () => {
    const found = problems(raw);
    assert.ok(found.some((p) => p.startsWith(expected)), `${JSON.stringify(found)} lacks "${expected}"`);
  });
}

test('a value given to an operator that takes none is a warning, and the condition still parses', () => {
  const shape = v.parse(conditionSchema, { field: 'spec.a', operator: 'exists', value: 'x' });
  const parsed = parseCondition(shape);
  assert.equal(parsed.problems.map((p) => p.code), ['ORK1123']);
  assert.ok(parsed.condition);
});

test('reference-only keys are left to the shape check (ORK1130 there), with no second message', () => {
  assert.equal(parseCondition({ time: { after: '08:00' } } as never).problems, []);
});

test('the shape check rejects unknown keys and wrong kinds of value', () => {
  assert.is(v.safeParse(conditionSchema, { field: 'spec.a', equal: 'x' }).success, false);
  assert.is(v.safeParse(conditionSchema, { field: 'spec.a', equals: { a: 1 } }).success, false);
  assert.is(v.safeParse(conditionSchema, { field: 'spec.a', exists: 'yes' }).success, false);
});

// [condition, field type from the CRD schema, expected problem or none]
const TYPED: [Record<string, unknown>, ValueType, string | undefined][] = [
  [{ field: 'spec.enabled', greaterThan: 1 }, 'boolean', 'ORK1125 greaterThan: spec.enabled is a boolean: gt compares numbers'],
  [{ field: 'spec.enabled', equals: 'yes' }, 'boolean', 'ORK1125 equals: spec.enabled is a boolean: equals "yes" can never match it'],
  [{ field: 'spec.enabled', equals: 'true' }, 'boolean', undefined],
  [{ field: 'spec.replicas', equals: 'three' }, 'integer', 'ORK1125'],
  [{ field: 'spec.replicas', in: ['', 1, 2] }, 'integer', undefined],
  [{ field: 'spec.replicas', in: ['1', 'x'] }, 'integer', 'ORK1125 in'],
  [{ field: 'spec.port', greaterThan: 1024 }, 'string', undefined],
  [{ field: 'spec.tags', equals: 'a' }, 'array', 'ORK1125 equals: spec.tags is an array: equals compares scalars'],
  [{ field: 'spec.db', regex: 'x' }, 'object', 'ORK1125 regex'],
  [{ field: 'spec.db', operator: 'typeMap' }, 'object', undefined],
  [{ field: 'spec.tags', contains: 'a' }, 'array', undefined],
  [{ field: 'spec.count', equals: 3, valueType: 'int' }, 'boolean', 'ORK1125 equals: spec.count is a boolean: valueType int cannot read it'],
  [{ field: 'spec.anything', greaterThan: 1 }, 'unknown', undefined],
];

for (const [raw, type, expected] of TYPED) {
  test(`type ${type}: ${JSON.stringify(raw)}`, () => {
    const parsed = parseCondition(v.parse(conditionSchema, raw));
    assert.ok(parsed.condition);
    const found = checkConditionType(parsed.condition!, type).map((p) => `${p.code} ${p.at.join('.')}: ${p.message}`);
    if (expected === undefined) assert.equal(found, []);
    else assert.ok(found.some((p) => p.startsWith(expected)), `${JSON.stringify(found)} lacks "${expected}"`);
  });
}

test.run();

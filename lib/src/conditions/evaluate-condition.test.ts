import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as v from 'valibot';
import type { ConditionScope } from './condition-model.ts';
import { conditionSchema } from './condition-schema.ts';
import { evaluateCondition } from './evaluate-condition.ts';
import { evaluateConditionSet } from './evaluate-condition-set.ts';
import { parseCondition } from './parse-condition.ts';
import { parseConditionSet } from './parse-condition-set.ts';

const test = suite('conditions: meaning');

const scope: ConditionScope = {
  metadata: { name: 'web', labels: { tier: 'front' } },
  spec: {
    tier: 'web', replicas: 3, port: '8080', ratio: '0.5', expose: true, tags: ['a', 'b'], db: { size: '10Gi' }, empty: '', image: 'nginx:1.27',
    env: 'production', schedule: { minute: '5' }, zero: 0, nothing: null, words: 'a,b',
  },
  status: { phase: 'Running' },
  children: { job: { status: { succeeded: 1 } }, deployment: { status: {} } },
};

const parse = (raw: Record<string, unknown>) => {
  const shape = v.safeParse(conditionSchema, raw);
  assert.ok(shape.success, JSON.stringify(raw));
  const parsed = parseCondition(shape.output as never);
  assert.ok(parsed.condition, `${JSON.stringify(raw)}: ${JSON.stringify(parsed.problems)}`);
  return parsed.condition!;
};

// [condition as written, expected]: every operator and every shorthand, with and without negate.
const CASES: [Record<string, unknown>, boolean][] = [
  [{ field: 'spec.tier', operator: 'equals', value: 'web' }, true],
  [{ field: 'spec.tier', equals: 'web' }, true],
  [{ field: '.spec.tier', equals: 'api' }, false],
  [{ field: 'spec.replicas', equals: '3' }, true],
  [{ field: 'spec.expose', equals: true }, true],
  [{ field: 'spec.expose', equals: 'true' }, true],
  [{ field: 'spec.tier', value: 'web' }, true],
  [{ field: 'spec.tier', notEquals: 'api' }, true],
  [{ field: 'spec.missing', notEquals: 'x' }, true],
  [{ field: 'spec.image', contains: 'nginx' }, true],
  [{ field: 'spec.tags', contains: 'b' }, true],
  [{ field: 'spec.db', contains: 'size' }, true],
  [{ field: 'spec.image', notContains: 'redis' }, true],
  [{ field: 'spec.image', prefix: 'nginx:' }, true],
  [{ field: 'spec.image', notPrefix: 'nginx:' }, false],
  [{ field: 'spec.image', suffix: '1.27' }, true],
  [{ field: 'spec.image', notSuffix: '1.27' }, false],
  [{ field: 'spec.db.size', exists: true }, true],
  [{ field: 'spec.empty', exists: true }, false],
  [{ field: 'spec.nothing', exists: true }, false],
  [{ field: 'spec.missing', notExists: true }, true],
  [{ field: 'spec.missing', exists: false }, true],
  [{ field: 'spec.tier', notExists: false }, true],
  [{ field: 'status.phase' }, true],
  [{ field: 'status.missing', operator: 'notExists' }, true],
  // numbers, also held in strings; an absent field reads as 0 (Kubernetes omits zero counters)
  [{ field: 'spec.replicas', operator: 'gt', value: 2 }, true],
  [{ field: 'spec.replicas', greaterThan: '3' }, false],
  [{ field: 'spec.replicas', greaterThanOrEqual: 3 }, true],
  [{ field: 'spec.replicas', lessThan: 4 }, true],
  [{ field: 'spec.replicas', lessThanOrEqual: 2 }, false],
  [{ field: 'spec.replicas', min: 3 }, true],
  [{ field: 'spec.replicas', max: 2 }, false],
  [{ field: 'spec.port', greaterThan: 1024 }, true],
  [{ field: 'spec.port', operator: 'lte', value: '8080' }, true],
  [{ field: 'spec.ratio', operator: 'lt', value: 1 }, true],
  [{ field: 'spec.tier', greaterThan: 1 }, false],
  [{ field: 'spec.missing', lessThan: 1 }, true],
  [{ field: 'children.job.status.succeeded', greaterThan: 0 }, true],
  [{ field: 'children.deployment.status.readyReplicas', greaterThan: 0 }, false],
  [{ field: 'spec.replicas', between: '1,3' }, true],
  [{ field: 'spec.replicas', between: [4, 10] }, false],
  [{ field: 'spec.port', operator: 'between', value: '1024, 65535' }, true],
  [{ field: 'spec.replicas', notBetween: '4,10' }, true],
  [{ field: 'spec.tier', notBetween: '4,10' }, false],
  // in / notIn: lists or comma strings; the empty item matches an absent or empty field
  [{ field: 'spec.tier', in: ['api', 'web'] }, true],
  [{ field: 'spec.tier', in: 'api, web' }, true],
  [{ field: 'status.missing', in: ',Pending' }, true],
  [{ field: 'spec.empty', in: ['', 'x'] }, true],
  [{ field: 'status.phase', in: ',Pending' }, false],
  [{ field: 'spec.replicas', in: [1, 3] }, true],
  [{ field: 'spec.tier', notIn: ['api'] }, true],
  [{ field: 'status.missing', notIn: ',Failed' }, false],
  [{ field: 'spec.tier', operator: 'in', value: 'web' }, true],
  // regex: RE2, matched anywhere
  [{ field: 'spec.tier', regex: '^w.b$' }, true],
  [{ field: 'spec.image', operator: 'regex', value: ':1\\.\\d+$' }, true],
  [{ field: 'spec.tier', regex: '^api' }, false],
  // types
  [{ field: 'spec.schedule', operator: 'typeOf', value: 'map' }, true],
  [{ field: 'spec.tags', operator: 'typeOf', value: 'slice' }, true],
  [{ field: 'spec.tags', operator: 'typeOf', value: 'list' }, true],
  [{ field: 'spec.schedule', operator: 'typeMap' }, true],
  [{ field: 'spec.tags', operator: 'typeList' }, true],
  [{ field: 'spec.tier', operator: 'typeString' }, true],
  [{ field: 'spec.replicas', operator: 'typeNumber' }, true],
  [{ field: 'spec.port', operator: 'typeNumber' }, false],
  [{ field: 'spec.expose', operator: 'typeBool' }, true],
  [{ field: 'spec.missing', operator: 'typeNull' }, true],
  // negate inverts the result
  [{ field: 'spec.tier', equals: 'web', negate: true }, false],
  [{ field: 'spec.missing', exists: true, negate: true }, true],
  // valueType: how field and value are read
  [{ field: 'spec.port', equals: 8080, valueType: 'int' }, true],
  [{ field: 'spec.port', equals: '08080', valueType: 'int' }, true],
  [{ field: 'spec.port', equals: '08080' }, false],
  [{ field: 'spec.ratio', equals: 0.50, valueType: 'float' }, true],
  [{ field: 'spec.expose', equals: 'True', valueType: 'bool' }, true],
  [{ field: 'spec.image', operator: 'gt', value: 'mysql', valueType: 'string' }, true],
  [{ field: 'spec.tier', in: ['1', '2'], valueType: 'int' }, false],
  // templates as field and as value
  [{ field: '{{ .spec.tier | upper }}', equals: 'WEB' }, true],
  [{ field: '{{ hasPrefix .spec.image "nginx" }}', equals: 'true' }, true],
  [{ field: '{{ gt .children.job.status.succeeded 0 }}', equals: true }, true],
  [{ field: 'metadata.name', equals: '{{ .spec.tier }}' }, true],
  [{ field: 'spec.replicas', lessThan: '{{ add .spec.replicas 1 }}' }, true],
  [{ field: 'metadata.labels.tier', equals: 'front' }, true],
  // a template that fails to render makes the comparison false
  [{ field: '{{ int .spec.tier }}', exists: true }, false],
  [{ field: '{{ int .spec.tier }}', exists: true, negate: true }, true],
];

for (const [raw, expected] of CASES) {
  test(JSON.stringify(raw), () => assert.is(evaluateCondition(parse(raw), scope), expected));
}

test('fields read own data only, never prototypes', () => {
  assert.is(evaluateCondition(parse({ field: 'spec.constructor', exists: true }), scope), false);
  assert.is(evaluateCondition(parse({ field: 'spec.__proto__', exists: true }), scope), false);
  assert.is(evaluateCondition(parse({ field: 'spec.tags.1', equals: 'b' }), scope), true);
});

test('unique compares with the other custom resources when they are known', () => {
  const c = parse({ field: 'spec.tier', operator: 'unique' });
  assert.is(evaluateCondition(c, scope), true, 'no peers known: passes, as in the reference');
  assert.is(evaluateCondition(c, scope, { peers: [{ spec: { tier: 'api' } }, { spec: {} }] }), true);
  assert.is(evaluateCondition(c, scope, { peers: [{ spec: { tier: 'web' } }] }), false);
  assert.is(evaluateCondition(parse({ field: 'spec.missing', operator: 'unique' }), scope, { peers: [{ spec: {} }] }), true);
});

test('a regular expression that backtracking engines take exponential time on stays linear', () => {
  const c = parse({ field: 'spec.long', regex: '^(a+)+$' });
  assert.is(evaluateCondition(c, { spec: { long: `${'a'.repeat(20000)}!` } }), false);
});

test('when: all must hold; or: one must; both lists must pass; empty lists hold', () => {
  const set = (when: Record<string, unknown>[], or: Record<string, unknown>[]) => {
    const parsed = parseConditionSet(when as never, or as never);
    assert.equal(parsed.problems, []);
    return parsed.set;
  };
  assert.is(evaluateConditionSet(set([], []), scope), true);
  assert.is(evaluateConditionSet(set([{ field: 'spec.tier', equals: 'web' }, { field: 'spec.replicas', gt: 5 }].map(fix), []), scope), false);
  assert.is(evaluateConditionSet(set([], [{ field: 'status.phase', equals: 'Failed' }, { field: 'status.phase', equals: 'Running' }]), scope), true);
  assert.is(evaluateConditionSet(set([], [{ field: 'status.phase', equals: 'Failed' }, { field: 'status.phase', equals: 'Pending' }]), scope), false);
  assert.is(evaluateConditionSet(set([{ field: 'spec.tier', equals: 'api' }], [{ field: 'status.phase', equals: 'Running' }]), scope), false);
  assert.is(evaluateConditionSet(set([{ field: 'spec.tier', equals: 'web' }], [{ field: 'status.phase', equals: 'Running' }]), scope), true);
});

function fix(raw: Record<string, unknown>): Record<string, unknown> {
  // `gt` is an operator, not a shorthand key; the shorthand is greaterThan.
  if ('gt' in raw) return { field: raw['field'], greaterThan: raw['gt'] };
  return raw;
}

test.run();

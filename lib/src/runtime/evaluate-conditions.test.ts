import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Condition } from '../field-schemas/field-schemas.ts';
import { evaluateCondition, evaluateConditions } from './evaluate-conditions.ts';
import { readPath } from './read-path.ts';

const test = suite('evaluate-conditions');
const cr = { metadata: { name: 'web' }, spec: { tier: 'web', replicas: 3, expose: true, tags: ['a', 'b'], db: { size: '10Gi' }, empty: '' } };

const cases: [Condition, boolean][] = [
  [{ field: 'spec.tier', operator: 'equals', value: 'web' }, true],
  [{ field: '.spec.tier', operator: 'equals', value: 'api' }, false],
  [{ field: 'spec.replicas', operator: 'equals', value: '3' }, true],
  [{ field: 'spec.expose', operator: 'equals', value: true }, true],
  [{ field: 'spec.tier', operator: 'notEquals', value: 'api' }, true],
  [{ field: 'spec.db.size', operator: 'exists' }, true],
  [{ field: 'spec.empty', operator: 'exists' }, false],
  [{ field: 'spec.missing', operator: 'notExists' }, true],
  [{ field: 'spec.tier', operator: 'in', value: ['api', 'web'] }, true],
  [{ field: 'spec.tier', operator: 'in', value: 'api, web' }, true],
  [{ field: 'spec.missing', operator: 'in', value: ['', 'x'] }, true],
  [{ field: 'spec.tier', operator: 'notIn', value: ['api'] }, true],
  [{ field: 'spec.replicas', operator: 'gt', value: 2 }, true],
  [{ field: 'spec.replicas', operator: 'gte', value: '3' }, true],
  [{ field: 'spec.replicas', operator: 'lt', value: 3 }, false],
  [{ field: 'spec.replicas', operator: 'lte', value: 3 }, true],
  [{ field: 'spec.tier', operator: 'gt', value: 1 }, false],
  [{ field: 'spec.tier', operator: 'contains', value: 'we' }, true],
  [{ field: 'spec.tags', operator: 'contains', value: 'b' }, true],
  [{ field: 'spec.db', operator: 'contains', value: 'size' }, true],
  [{ field: 'spec.tier', operator: 'regex', value: '^w.b$' }, true],
  [{ field: 'spec.tier', operator: 'regex', value: '([' }, false],
];

for (const [condition, expected] of cases) {
  test(`${condition.field} ${condition.operator} ${JSON.stringify(condition.value ?? null)}`, () => {
    assert.is(evaluateCondition(condition, cr), expected);
  });
}

test('all conditions must hold; none always holds', () => {
  assert.is(evaluateConditions([], cr), true);
  assert.is(evaluateConditions([{ field: 'spec.tier', operator: 'equals', value: 'web' }, { field: 'spec.replicas', operator: 'gt', value: 5 }], cr), false);
});

test('readPath never reaches prototypes', () => {
  assert.is(readPath(cr, 'spec.__proto__'), undefined);
  assert.is(readPath(cr, 'spec.constructor'), undefined);
  assert.is(readPath(cr, 'spec.tags.1'), 'b');
});

test.run();

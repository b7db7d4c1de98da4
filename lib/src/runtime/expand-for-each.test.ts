import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { expandForEach, FOR_EACH_MAX } from './expand-for-each.ts';

const test = suite('expand-for-each');
const cr = (spec: Record<string, unknown>) => ({ metadata: { name: 'web' }, spec });

test('a list: .item and .<as> are the element, in list order', () => {
  assert.equal(expandForEach({ field: 'spec.regions', as: 'region' }, cr({ regions: ['eu', 'us'] })), {
    type: 'elements', scopes: [{ item: 'eu', region: 'eu' }, { item: 'us', region: 'us' }],
  });
  assert.equal(expandForEach({ field: '.spec.tenants' }, cr({ tenants: [{ name: 'a' }] })), { type: 'elements', scopes: [{ item: { name: 'a' } }] });
});

test('a map: .item is the key, .value the value, keys sorted', () => {
  assert.equal(expandForEach({ field: 'spec.queues', as: 'q' }, cr({ queues: { low: 1, high: 9 } })), {
    type: 'elements', scopes: [{ value: 9, item: 'high', q: 'high' }, { value: 1, item: 'low', q: 'low' }],
  });
});

test('absent or null: no element; a scalar is a problem', () => {
  assert.equal(expandForEach({ field: 'spec.regions' }, cr({})), { type: 'elements', scopes: [] });
  assert.equal(expandForEach({ field: 'spec.regions' }, cr({ regions: null })), { type: 'elements', scopes: [] });
  assert.equal(expandForEach({ field: 'spec.regions' }, cr({ regions: 'eu,us' })), { type: 'problem', message: 'forEach: spec.regions is a string, not a list or a map' });
});

test('more elements than the budget is a problem, not a thousand-fold render', () => {
  const r = expandForEach({ field: 'spec.n' }, cr({ n: Array.from({ length: FOR_EACH_MAX + 1 }, (_, i) => i) }));
  assert.is(r.type, 'problem');
});

test.run();

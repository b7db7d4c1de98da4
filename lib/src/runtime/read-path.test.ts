import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readPath } from './read-path.ts';

const test = suite('readPath');
const data = { spec: { tags: ['a', 'b'], db: { size: '10Gi' } } };

test('reads dotted paths, list positions, and never prototypes', () => {
  assert.is(readPath(data, 'spec.db.size'), '10Gi');
  assert.is(readPath(data, '.spec.tags.1'), 'b');
  assert.is(readPath(data, 'spec.__proto__'), undefined);
  assert.is(readPath(data, 'spec.constructor'), undefined);
  assert.is(readPath(data, 'spec.tags.x'), undefined);
});

test.run();

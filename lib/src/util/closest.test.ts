import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { closest, editDistance } from './closest.ts';

const test = suite('closest');

test('editDistance', () => {
  assert.is(editDistance('replica', 'replicas'), 1);
  assert.is(editDistance('', 'abc'), 3);
  assert.is(editDistance('kitten', 'sitting'), 3);
});

test('closest finds likely typos only', () => {
  assert.is(closest('replica', ['image', 'replicas', 'port']), 'replicas');
  assert.is(closest('apitypes', ['apiTypes', 'crdFile']), 'apiTypes');
  assert.is(closest('zzz', ['image', 'replicas']), undefined);
});

test.run();

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { findChain } from './find-chain.ts';

const test = suite('find-chain');
const e = (from: string, to: string) => ({ from, to });

test('direct paths win; chains go through other versions; none is undefined', () => {
  const edges = [e('a', 'b'), e('b', 'c'), e('a', 'c'), e('c', 'a')];
  assert.equal(findChain(edges, 'a', 'c'), [e('a', 'c')]);
  assert.equal(findChain(edges, 'b', 'a'), [e('b', 'c'), e('c', 'a')]);
  assert.equal(findChain(edges, 'a', 'a'), []);
  assert.is(findChain(edges, 'c', 'd'), undefined);
  assert.is(findChain([e('a', 'b'), e('b', 'a')], 'a', 'z'), undefined);
});

test.run();

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Wake } from './wake.ts';

const test = suite('Wake');

test('wake() ends every pending sleep, abort ends one, and nothing is left waiting', async () => {
  const wake = new Wake();
  const order: string[] = [];
  const abort = new AbortController();
  const a = wake.sleep(Number.POSITIVE_INFINITY, new AbortController().signal).then(() => order.push('a'));
  const b = wake.sleep(Number.POSITIVE_INFINITY, abort.signal).then(() => order.push('b'));
  abort.abort();
  await b;
  assert.equal(order, ['b']);
  wake.wake();
  await a;
  assert.equal(order, ['b', 'a']);
  await wake.sleep(Number.POSITIVE_INFINITY, abort.signal);
});

test.run();

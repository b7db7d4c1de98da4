import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createBackoff, DEFAULT_BACKOFF } from './backoff.ts';

const test = suite('backoff');

test('doubles from 800 ms to a 30 s cap without jitter', () => {
  const b = createBackoff(DEFAULT_BACKOFF, { now: () => 0 }, { float: () => 0 });
  assert.equal(Array.from({ length: 8 }, () => b.next()), [800, 1600, 3200, 6400, 12800, 25600, 30000, 30000]);
});

test('jitter stretches a delay by up to half, still capped', () => {
  const b = createBackoff(DEFAULT_BACKOFF, { now: () => 0 }, { float: () => 0.5 });
  assert.equal(Array.from({ length: 7 }, () => b.next()), [1000, 2000, 4000, 8000, 16000, 30000, 30000]);
});

test('starts over after a healthy period longer than resetAfterMs', () => {
  let now = 0;
  const b = createBackoff(DEFAULT_BACKOFF, { now: () => now }, { float: () => 0 });
  assert.equal([b.next(), b.next(), b.next()], [800, 1600, 3200]);
  now += 120_000;
  assert.is(b.next(), 6400, 'exactly resetAfterMs is not yet healthy');
  now += 120_001;
  assert.is(b.next(), 800);
});

test.run();

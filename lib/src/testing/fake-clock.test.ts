import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { fakeClock } from './fake-clock.ts';
import { fixedEntropy, seededEntropy } from './seeded-entropy.ts';

const test = suite('fake clock and entropy');

test('fakeClock starts where told, advances, refuses to go back', () => {
  const c = fakeClock(1000);
  c.advance(250);
  assert.is(c.now(), 1250);
  assert.throws(() => c.advance(-1));
  c.set(5);
  assert.is(c.now(), 5);
  assert.is(fakeClock().now(), Date.UTC(2026, 0, 1));
});

test('seededEntropy is deterministic per seed, in [0, 1), and differs across seeds', () => {
  const a = seededEntropy(42), b = seededEntropy(42), c = seededEntropy(43);
  const xs = Array.from({ length: 1000 }, () => a.float());
  assert.equal(Array.from({ length: 1000 }, () => b.float()), xs);
  assert.ok(xs.every((x) => x >= 0 && x < 1));
  assert.is.not(c.float(), xs[0]);
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  assert.ok(mean > 0.45 && mean < 0.55, `mean ${mean}`);
});

test('fixedEntropy returns its values then repeats the last', () => {
  const e = fixedEntropy(0.1, 0.9);
  assert.equal([e.float(), e.float(), e.float()], [0.1, 0.9, 0.9]);
});

test.run();

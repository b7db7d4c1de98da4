import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createConversionWindow, foldConversionPairs, type ConversionReviewSample } from './conversion-window.ts';

const test = suite('conversion-window');
const ok = (n: number, from = 'v1alpha1', to = 'v1beta1', crd = 'website') => Array.from({ length: n }, () => ({ crd, from, to, ok: true }));
const review = (objects: number, seconds: number | undefined, extra: Partial<ConversionReviewSample> = {}): ConversionReviewSample => ({
  crd: 'website', pairs: foldConversionPairs(ok(objects)), failed: false, ...(seconds !== undefined ? { seconds } : {}), ...extra,
});

test('folds object outcomes per CRD and version pair, unknowns named unknown', () => {
  const pairs = foldConversionPairs([
    ...ok(2), { crd: 'website', from: 'v1beta1', to: 'v1beta1', ok: true }, { crd: 'website', from: 'v1alpha1', to: 'v1beta1', ok: false }, { to: 'v1beta1', ok: false },
  ]);
  assert.equal(pairs, [
    { crd: 'website', from: 'v1alpha1', to: 'v1beta1', converted: 2, failed: 1 },
    { crd: 'website', from: 'v1beta1', to: 'v1beta1', converted: 1, failed: 0 },
    { crd: 'unknown', from: 'unknown', to: 'v1beta1', converted: 0, failed: 1 },
  ]);
  assert.equal(foldConversionPairs([]), []);
});

test('an empty window: zero counts, no latency, nothing per CRD or pair', () => {
  assert.equal(createConversionWindow(100).summary(), { size: 100, reviews: 0, failedReviews: 0, objects: 0, failedObjects: 0, crds: [], pairs: [] });
});

test('a window larger than the reviews seen holds them all', () => {
  const w = createConversionWindow(100);
  w.record(review(3, 0.002));
  w.record(review(1, 0.004));
  w.record({ crd: 'website', pairs: foldConversionPairs([{ crd: 'website', from: 'v1beta1', to: 'v1alpha1', ok: false }]), failed: true, seconds: 0.001 });
  const s = w.summary();
  assert.equal([s.size, s.reviews, s.failedReviews, s.objects, s.failedObjects], [100, 3, 1, 5, 1]);
  assert.equal(s.latencyMs, { timed: 3, p50: 2, p95: 4, p99: 4, max: 4, avg: 2.333 });
  assert.equal(s.pairs, [
    { crd: 'website', from: 'v1alpha1', to: 'v1beta1', converted: 4, failed: 0 },
    { crd: 'website', from: 'v1beta1', to: 'v1alpha1', converted: 0, failed: 1 },
  ]);
  assert.equal(s.crds.map((c) => [c.crd, c.reviews, c.objects, c.failedObjects]), [['website', 3, 5, 1]]);
});

test('a window of 1 holds the last review only', () => {
  const w = createConversionWindow(1);
  w.record(review(500, 0.05));
  w.record(review(2, 0.003, { failed: true }));
  const s = w.summary();
  assert.equal([s.reviews, s.failedReviews, s.objects], [1, 1, 2]);
  assert.equal(s.latencyMs, { timed: 1, p50: 3, p95: 3, p99: 3, max: 3, avg: 3 });
  w.record(review(7, undefined));
  assert.equal([w.summary().objects, w.summary().latencyMs], [7, undefined]);
});

test('the window rolls: the oldest review leaves as a new one comes; percentiles are nearest-rank', () => {
  const w = createConversionWindow(100);
  // 150 reviews of 1..150 ms: the window holds 51..150.
  for (let i = 1; i <= 150; i++) w.record(review(1, i / 1000));
  const s = w.summary();
  assert.equal([s.reviews, s.objects], [100, 100]);
  assert.equal(s.latencyMs, { timed: 100, p50: 100, p95: 145, p99: 149, max: 150, avg: 100.5 });
  // Exactly at the edge (size reviews seen), then one more.
  const edge = createConversionWindow(3);
  for (const ms of [5, 1, 3]) edge.record(review(1, ms / 1000));
  assert.equal(edge.summary().latencyMs?.max, 5);
  edge.record(review(1, 0.002));
  assert.equal([edge.summary().reviews, edge.summary().latencyMs?.max, edge.summary().latencyMs?.p50], [3, 3, 2]);
});

test('per CRD: each review counts for its CRD; reviews without a CRD (malformed) count in the totals only', () => {
  const w = createConversionWindow(10);
  w.record(review(2, 0.001));
  w.record({ crd: 'database', pairs: foldConversionPairs(ok(4, 'v1', 'v2', 'database')), failed: false, seconds: 0.01 });
  w.record({ pairs: [], failed: true, seconds: 0 });
  w.record({ pairs: [], failed: true });
  const s = w.summary();
  assert.equal([s.reviews, s.failedReviews, s.objects, s.latencyMs?.timed], [4, 2, 6, 3]);
  assert.equal(s.crds.map((c) => [c.crd, c.reviews, c.objects, c.latencyMs?.p99]), [['database', 1, 4, 10], ['website', 1, 2, 1]]);
  assert.equal(s.pairs.map((p) => `${p.crd} ${p.from}→${p.to} ${p.converted}`), ['database v1→v2 4', 'website v1alpha1→v1beta1 2']);
});

test('the summary is a copy: recording later, or changing it, does not change the other', () => {
  const w = createConversionWindow(5);
  const sample = review(1, 0.001);
  w.record(sample);
  const first = w.summary();
  (first.pairs[0] as { converted: number }).converted = 99;
  w.record(review(1, 0.001));
  assert.is(first.reviews, 1);
  assert.is(w.summary().pairs[0]!.converted, 2);
  assert.is(sample.pairs[0]!.converted, 1);
});

test('a size that is not a whole number ≥ 1 is a programming error', () => {
  for (const size of [0, -1, 1.5, Number.NaN]) assert.throws(() => createConversionWindow(size), /whole number ≥ 1/);
});

test.run();

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { loadAsset } from './public-assets.test-support.ts';
import { HISTORY } from './ui-fixture.test-support.ts';

interface Sample { at: string; totalReconciles?: number; queueDepth?: number; errors?: number; crds?: Record<string, { totalReconciles: number; queueDepth: number }> }
type Pick = (s: Sample) => number | undefined;
interface Rates {
  counterRates(samples: Sample[], pick: Pick): number[];
  counterIncrease(samples: Sample[], pick: Pick): number;
  windowedRates(samples: Sample[], pick: Pick, windowMs?: number): number[];
  recentRate(samples: Sample[], pick: Pick, windowMs?: number): number | undefined;
  summarizeHistory(history: unknown, crd?: string): { reconcileRates: number[]; queueDepths: number[]; recentRate: number | undefined; errorsInWindow: number; windowSeconds: number };
}
const r = await loadAsset<Rates>('rates.js');
const test = suite('UI rate derivation (public/assets/rates.js)');

const at = (s: number) => new Date(Date.UTC(2026, 10, 24, 8, 0, s)).toISOString();
const total: Pick = (s) => s.totalReconciles;

test('rates between consecutive samples, per second', () => {
  const samples = [{ at: at(0), totalReconciles: 10 }, { at: at(10), totalReconciles: 30 }, { at: at(20), totalReconciles: 30 }];
  assert.equal(r.counterRates(samples, total), [2, 0]);
  assert.is(r.counterIncrease(samples, total), 20);
});

test('a counter that went down was reset: its new value is all increase', () => {
  const samples = [{ at: at(0), totalReconciles: 500 }, { at: at(10), totalReconciles: 5 }, { at: at(20), totalReconciles: 15 }];
  assert.equal(r.counterRates(samples, total), [0.5, 1]);
  assert.is(r.counterIncrease(samples, total), 15);
});

test('missing values and samples that do not advance in time are skipped, not zeroes', () => {
  const samples = [{ at: at(0), totalReconciles: 1 }, { at: at(10) }, { at: at(10), totalReconciles: 4 }, { at: at(10), totalReconciles: 9 }, { at: at(20), totalReconciles: 19 }];
  assert.equal(r.counterRates(samples, total), [1]);
  assert.equal(r.counterRates([], total), []);
  assert.equal(r.counterRates([{ at: at(0), totalReconciles: 3 }], total), []);
});

test('sparkline rates are smoothed over a sliding window, so resync bursts do not read as noise', () => {
  // A burst of 30 every 30 s, sampled every 10 s.
  const samples = Array.from({ length: 7 }, (_, i) => ({ at: at(i * 10), totalReconciles: Math.floor(i / 3) * 30 }));
  assert.equal(r.counterRates(samples, total), [0, 0, 3, 0, 0, 3]);
  assert.equal(r.windowedRates(samples, total, 30_000), [0, 0, 1, 1, 1, 1]);
  assert.equal(r.windowedRates(samples, total, 10_000), r.counterRates(samples, total), 'a window of one interval is the plain rate');
  assert.equal(r.windowedRates([{ at: at(0), totalReconciles: 1 }], total), []);
});

test('the recent rate covers the last minute only', () => {
  // 0..100 s: slow at first (1 per 10 s), then fast (10 per 10 s) during the last 60 s.
  const samples = Array.from({ length: 11 }, (_, i) => ({ at: at(i * 10), totalReconciles: i <= 4 ? i : 4 + (i - 4) * 10 }));
  assert.is(r.recentRate(samples, total), 1);
  assert.is(r.recentRate(samples, total, 100_000), 64 / 100);
  assert.is(r.recentRate(samples.slice(0, 1), total), undefined);
  assert.is(r.recentRate([], total), undefined);
});

test('a history summary for a runtime and for one CRD', () => {
  const all = r.summarizeHistory(HISTORY);
  assert.is(all.reconcileRates.length, 39);
  assert.ok(all.reconcileRates.every((x) => x === 0.3), 'three reconciles per 10 s, the restart included');
  assert.is(all.queueDepths.length, 40);
  assert.is(all.recentRate, 0.3);
  assert.is(all.errorsInWindow, 2, 'errors rose by 2 before the restart and reset to 0 after it');
  assert.is(all.windowSeconds, 390);
  const crd = r.summarizeHistory(HISTORY, 'website');
  assert.equal(crd.queueDepths.slice(0, 4), [0, 1, 0, 1]);
  assert.is(crd.errorsInWindow, 0);
  const unknown = r.summarizeHistory(HISTORY, 'nope');
  assert.equal([unknown.reconcileRates, unknown.queueDepths, unknown.recentRate], [[], [], undefined]);
  assert.equal(r.summarizeHistory(undefined).reconcileRates, []);
});

test.run();

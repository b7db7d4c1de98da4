import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { loadAsset } from './public-assets.test-support.ts';

interface Format {
  formatAge(ms: number): string;
  ageOf(timestamp: unknown, nowMs: number): string;
  formatRatePerMinute(perSecond: number): string;
  formatCount(n: unknown): string;
  formatPercent(ratio: unknown): string;
  formatSeconds(seconds: unknown): string;
  formatMs(ms: unknown): string;
  formatGroup(group: string): string;
}
const f = await loadAsset<Format>('format.js');
const test = suite('UI formatters (public/assets/format.js)');

test('ages read like kubectl’s AGE column', () => {
  const s = 1000, m = 60 * s, h = 60 * m, d = 24 * h;
  const cases: [number, string][] = [
    [0, '0s'], [-5 * s, '0s'], [45 * s, '45s'], [119 * s, '119s'], [2 * m, '2m'], [3 * m + 12 * s, '3m12s'],
    [10 * m, '10m'], [179 * m, '179m'], [3 * h, '3h'], [5 * h + 2 * m, '5h2m'], [20 * h, '20h'], [47 * h, '47h'],
    [2 * d, '2d'], [3 * d + 4 * h, '3d4h'], [12 * d, '12d'], [729 * d, '729d'], [800 * d, '2y'], [Number.NaN, '—'],
  ];
  for (const [ms, want] of cases) assert.is(f.formatAge(ms), want, `${ms} ms`);
});

test('ageOf reads RFC 3339 timestamps and shows a dash for anything else', () => {
  const now = Date.parse('2026-11-24T08:00:00Z');
  assert.is(f.ageOf('2026-11-24T07:57:00Z', now), '3m');
  assert.is(f.ageOf('', now), '—');
  assert.is(f.ageOf(undefined, now), '—');
  assert.is(f.ageOf('yesterday', now), '—');
});

test('rates are shown per minute', () => {
  assert.is(f.formatRatePerMinute(0), '0/min');
  assert.is(f.formatRatePerMinute(-1), '0/min');
  assert.is(f.formatRatePerMinute(Number.NaN), '0/min');
  assert.is(f.formatRatePerMinute(1 / 120), '0.5/min');
  assert.is(f.formatRatePerMinute(0.1), '6/min');
  assert.is(f.formatRatePerMinute(0.3), '18/min');
  assert.is(f.formatRatePerMinute(100), '6,000/min');
});

test('counts, percentages, durations and API groups', () => {
  assert.is(f.formatCount(1234567), '1,234,567');
  assert.is(f.formatCount(undefined), '—');
  assert.is(f.formatPercent(0), '0%');
  assert.is(f.formatPercent(0.025), '2.5%');
  assert.is(f.formatPercent(0.25), '25%');
  assert.is(f.formatPercent(1), '100%');
  assert.is(f.formatPercent(null), '—');
  assert.is(f.formatSeconds(30), '30s');
  assert.is(f.formatSeconds(0.5), '0.5s');
  assert.is(f.formatSeconds(30.2), '30s');
  assert.is(f.formatSeconds(300), '5m');
  assert.is(f.formatSeconds(390), '6m30s');
  assert.is(f.formatSeconds(5400), '1h30m');
  assert.is(f.formatSeconds('x'), '—');
  const latencies: [unknown, string][] = [[0.423, '0.42 ms'], [0.5, '0.5 ms'], [0, '0 ms'], [3.14, '3.1 ms'], [250.4, '250 ms'], [1500, '1.5 s'], [-1, '—'], ['2', '—']];
  for (const [ms, want] of latencies) assert.is(f.formatMs(ms), want, String(ms));
  assert.is(f.formatGroup(''), 'core');
  assert.is(f.formatGroup('apps'), 'apps');
});

test.run();

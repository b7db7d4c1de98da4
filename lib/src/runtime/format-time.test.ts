import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { formatMicroTime, formatTime, parseTime } from './format-time.ts';

const test = suite('format-time');

const micro: [ms: number, text: string][] = [
  [Date.UTC(2026, 10, 24, 1, 2, 3, 123), '2026-11-24T01:02:03.123000Z'],
  [Date.UTC(2026, 10, 24, 1, 2, 3, 0), '2026-11-24T01:02:03.000000Z'],
  [Date.UTC(2026, 10, 24, 1, 2, 3, 7) + 0.25, '2026-11-24T01:02:03.007250Z'],
  [0, '1970-01-01T00:00:00.000000Z'],
];
for (const [ms, text] of micro) test(`MicroTime of ${ms} is ${text}`, () => assert.is(formatMicroTime(ms), text));

test('MicroTime always has six fractional digits', () => {
  for (const extra of [0, 0.5, 1, 99.9, 999.9, 999.9999]) assert.match(formatMicroTime(Date.UTC(2030, 0, 1) + extra), /^2030-01-01T00:00:0[01]\.\d{6}Z$/);
});

test('metav1.Time drops the fraction', () => {
  assert.is(formatTime(Date.UTC(2026, 10, 24, 1, 2, 3, 999)), '2026-11-24T01:02:03Z');
});

const parse: [text: string | undefined, ms: number | undefined][] = [
  ['2026-11-24T01:02:03.123000Z', Date.UTC(2026, 10, 24, 1, 2, 3, 123)],
  ['2026-11-24T01:02:03Z', Date.UTC(2026, 10, 24, 1, 2, 3)],
  ['2026-11-24T02:02:03+01:00', Date.UTC(2026, 10, 24, 1, 2, 3)],
  ['yesterday', undefined],
  [undefined, undefined],
];
for (const [text, ms] of parse) test(`parseTime(${text})`, () => assert.is(parseTime(text), ms));

test.run();

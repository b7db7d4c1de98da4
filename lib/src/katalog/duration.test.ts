import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { formatDuration, parseDuration } from './duration.ts';

const test = suite('duration');

const cases: [string, number | undefined][] = [
  ['500ms', 500], ['30s', 30_000], ['5m', 300_000], ['2h', 7_200_000], ['30d', 2_592_000_000],
  ['2y', 63_072_000_000], ['1h30m', 5_400_000], ['1.5s', 1500], [' 10s ', 10_000],
  ['30', undefined], ['', undefined], ['5 m', undefined], ['1w', undefined], ['-5s', undefined], ['s', undefined],
];

for (const [text, ms] of cases) {
  test(`parseDuration(${JSON.stringify(text)})`, () => assert.is(parseDuration(text), ms));
}

test('formatDuration round-trips', () => {
  for (const text of ['30s', '5m', '1h30m', '2y', '500ms', '30d']) assert.is(formatDuration(parseDuration(text)!), text);
});

test.run();

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseCertDuration } from './cert-duration.ts';
import { CA_PROPAGATION_MS, checkCertPolicy, sanCovers } from './cert-facts.ts';

const test = suite('cert-duration');
const DAY = 86_400_000;

const ok: [string, number][] = [['30d', 30 * DAY], ['2y', 730 * DAY], ['12h', 43_200_000], ['3m', 180_000], ['1h30m', 5_400_000], [' 90s ', 90_000]];
for (const [text, ms] of ok) test(`parses ${JSON.stringify(text)}`, () => assert.equal(parseCertDuration(text), { type: 'ok', ms }));

const bad: [string, string][] = [
  ['', 'duration is empty: write a number and a unit, such as 30d'],
  ['30', 'duration "30" has no unit: write 30d, 30h or 30m (units: ms, s, m, h, d, y)'],
  ['2w', 'duration "2w": unknown unit "w" (write a number and a unit: ms, s, m, h, d or y, such as 30d or 1h30m)'],
  ['-5d', 'duration "-5d" is negative'],
  ['0d', 'duration "0d" must be greater than zero'],
  ['d', 'duration "d": not a duration (write a number and a unit: ms, s, m, h, d or y, such as 30d or 1h30m)'],
];
for (const [text, message] of bad) test(`rejects ${JSON.stringify(text)}`, () => assert.equal(parseCertDuration(text), { type: 'error', message }));

const policies: [string, number, number, number][] = [
  ['the defaults (2y, 30d)', 730 * DAY, 30 * DAY, 0],
  ['the e2e rotation (3m, 2m)', 180_000, 120_000, 0],
  ['threshold not below validFor', 180_000, 180_000, 1],
  ['threshold shorter than CA propagation', 60_000, CA_PROPAGATION_MS, 1],
  ['zero validity', 0, 30 * DAY, 2],
];
for (const [name, validForMs, rotationThresholdMs, count] of policies) {
  test(`checkCertPolicy: ${name}`, () => assert.is(checkCertPolicy({ validForMs, rotationThresholdMs }).length, count));
}

test('sanCovers: exact names and one-label wildcards, case-insensitive', () => {
  assert.ok(sanCovers('orkestra-gateway.orkestra-system.svc', 'orkestra-gateway.orkestra-system.svc'));
  assert.ok(sanCovers('*.orkestra-system.svc', 'Orkestra-Gateway.orkestra-system.svc'));
  assert.not.ok(sanCovers('*.svc', 'orkestra-gateway.orkestra-system.svc'));
  assert.not.ok(sanCovers('orkestra-gateway', 'orkestra-gateway.orkestra-system.svc'));
});

test.run();

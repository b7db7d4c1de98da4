import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { matchesLabelSelector } from './label-selector.ts';

const test = suite('label selector');
const labels = { app: 'web', tier: 'front' };

const cases: [string | undefined, boolean][] = [
  [undefined, true], ['', true], ['app=web', true], ['app==web', true], ['app=db', false],
  ['app!=db', true], ['app!=web', false], ['tier', true], ['missing', false], ['!missing', true], ['!tier', false],
  ['app=web,tier=front', true], ['app=web,tier=back', false], [' app = web , tier ', true],
];

for (const [selector, expected] of cases) {
  test(`${JSON.stringify(selector)} → ${expected}`, () => {
    assert.is(matchesLabelSelector(selector, labels), expected);
  });
}

test('no labels match only negative and empty selectors', () => {
  assert.is(matchesLabelSelector('!a', undefined), true);
  assert.is(matchesLabelSelector('a!=b', undefined), true);
  assert.is(matchesLabelSelector('a', undefined), false);
});

test.run();

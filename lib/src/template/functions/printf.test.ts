import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { formatFixed } from './format-fixed.ts';
import { goQuote } from './go-quote.ts';
import { printf } from './printf.ts';

const test = suite('printf');

// Expected strings were produced by Go's fmt.Sprintf (go1.26) with the same arguments.
const CASES: [string, unknown[], string][] = [
  ['%s-%d', ['web', 3], 'web-3'],
  ['%05.1f|%-4d|%q|%v', [3.14159, 7, 'a"b', 1], '003.1|7   |"a\\"b"|1'],
  ['%.0f %.0f %.0f %.1f %.2f', [0.5, 1.5, 2.5, 0.25, 1.005], '0 2 2 0.2 1.00'],
  ['%.2f|%.1f|%.0f|%.3f', [2.675, 0.05, -0.5, 1.0005], '2.67|0.1|-0|1.000'],
  ['%+d % d %05d %-5d| %+05d %.3d %8.3d', [5, 5, -42, 3, 42, 7, -7], '+5  5 -0042 3    | +0042 007     -007'],
  ['%5s|%-5s|%.2s|%05s', ['ab', 'ab', 'abc', 'ab'], '   ab|ab   |ab|000ab'],
  ['%5.2s', ['héllo'], '   hé'],
  ['%q', ['tab\there\x01 é \u00a0 \u{1F680}'], '"tab\\there\\x01 é \\u00a0 🚀"'],
  ['%q', ['\u2028\u200b\x7f\x07'], '"\\u2028\\u200b\\x7f\\a"'],
  ['%5.1q|%-6q|', ['abc', 'x'], '  "a"|"x"   |'],
  ['%f', [1e21], '1000000000000000000000.000000'],
  ['%.3f', [-0.0001], '-0.000'],
  ['%6.2f|%06.2f|%-+7.1f|', [-1.5, -1.5, 2.25], ' -1.50|-01.50|+2.2   |'],
  ['%6.2f|%-8.3f|%+.1f', [3.14159, 2.5, 2], '  3.14|2.500   |+2.0'],
  ['%.f', [2.5], '2'],
  ['%v %v %v', [1.5, 100000000, true], '1.5 100000000 true'],
  ['%v|%v|%v', [0.00001, 0.0001, 123456789.123], '1e-05|0.0001|1.23456789123e+08'],
  ['%5v|%-5v|%05v', [3, true, 'a'], '    3|true |0000a'],
  ['%+v|% v|%05v', [3, 3, -3], '3| 3|-0003'],
  ['100%%', [], '100%'],
  // Orkestra's own rules where Go would print %!s(<nil>) or %!s(int=3): nil is empty, %s takes any value.
  ['%s|%v|%s', [null, undefined, 3], '||3'],
  ['%v', [{ b: 1, a: [true] }], '{"a":[true],"b":1}'],
];

for (const [format, args, expected] of CASES) {
  test(`printf ${JSON.stringify(format)}`, () => {
    assert.is(printf(format, args), expected);
  });
}

const ERRORS: [string, unknown[], RegExp][] = [
  ['%d', [], /missing argument for %d/],
  ['%d %d', [1], /missing argument for %d/],
  ['%d', [1, 2], /1 extra argument/],
  ['%d', ['3'], /%d needs an integer, got string "3"/],
  ['%d', [1.5], /%d needs an integer, got number 1.5/],
  ['%d', [null], /%d needs an integer, got nil/],
  ['%f', ['x'], /%f needs a number/],
  ['%x', [3], /unsupported verb %x/],
  ['%', [], /unfinished "%" verb/],
  ['%*d', [3, 4], /"\*" in a verb is not supported/],
  ['%[1]d', [3], /"\[" in a verb is not supported/],
  ['%.101f', [1], /precision 101 is above 100/],
  ['%99999999d', [1], /too large/],
];

for (const [format, args, message] of ERRORS) {
  test(`printf ${JSON.stringify(format)} fails`, () => {
    assert.throws(() => printf(format, args), message);
  });
}

test('formatFixed rounds exact ties to even and keeps large numbers exact', () => {
  assert.is(formatFixed(0.125, 2), '0.12');
  assert.is(formatFixed(0.375, 2), '0.38');
  assert.is(formatFixed(2.5, 0), '2');
  assert.is(formatFixed(3.5, 0), '4');
  assert.is(formatFixed(0.1, 20), '0.10000000000000000555');
  assert.is(formatFixed(2 ** 70, 1), '1180591620717411303424.0');
  assert.is(formatFixed(-Infinity, 2), '-Inf');
});

test('goQuote escapes like strconv.Quote', () => {
  assert.is(goQuote('a\\b"c\n'), '"a\\\\b\\"c\\n"');
  assert.is(goQuote('\u{E0001}'), '"\\U000e0001"');
  assert.is(goQuote('\ud800'), '"\ufffd"');
});

test.run();

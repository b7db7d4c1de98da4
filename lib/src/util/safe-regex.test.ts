import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { checkSafeRegex, compileSafeRegex } from './safe-regex.ts';

const test = suite('safe-regex');

function compiled(pattern: string): { test(s: string): boolean } {
  const r = compileSafeRegex(pattern);
  if (!r.ok) throw new Error(r.reason);
  return r.regex;
}

test('matches anywhere in the string, like RegExp.test', () => {
  assert.is(compiled('^w.b$').test('web'), true);
  assert.is(compiled('eb').test('web'), true);
  assert.is(compiled('^eb').test('web'), false);
  assert.is(compiled('(?i)WEB').test('web'), true);
  assert.is(compiled('^\\p{Greek}+$').test('αβγ'), true);
  assert.is(compiled('^.$').test('😀'), true, 'a code point, not a UTF-16 unit');
});

test('the ReDoS pattern of issue 12 runs in linear time on hostile input', () => {
  const re = compiled('^(a+)+$');
  // JavaScript's RegExp needs ~2^n steps here (13.9 s at n = 29); RE2 needs n.
  for (const n of [29, 10_000, 200_000]) assert.is(re.test(`${'a'.repeat(n)}!`), false);
  assert.is(re.test('a'.repeat(200_000)), true);
});

const refused: [string, number, RegExp][] = [
  ['(a)\\1', 3, /backreferences/],
  ['x(?=a)', 1, /lookahead and lookbehind/],
  ['x(?!a)', 1, /lookahead and lookbehind/],
  ['x(?<=a)b', 1, /lookahead and lookbehind/],
  ['ab\\u0041', 2, /\\x\{41\}/],
  ['a{1001}', 1, /up to 1000/],
  ['([', 1, /RE2 syntax/],
  ['[a][', 3, /RE2 syntax/],
  ['a(b(c)', 1, /RE2 syntax/],
  ['ab)c', 2, /RE2 syntax/],
  ['ab\\', 2, /RE2 syntax/],
];

for (const [pattern, offset, hint] of refused) {
  test(`refuses ${pattern} at offset ${offset}, with a hint`, () => {
    const problem = checkSafeRegex(pattern);
    assert.ok(problem, 'refused');
    assert.is(problem!.offset, offset);
    assert.match(problem!.hint, hint);
    const r = compileSafeRegex(pattern);
    assert.is(r.ok, false);
    if (!r.ok) assert.match(r.reason, new RegExp(`at offset ${offset}: `));
  });
}

test('valid patterns have no problem', () => {
  assert.is(checkSafeRegex('^[a-z]([-a-z0-9]*[a-z0-9])?$'), undefined);
  assert.is(checkSafeRegex('(?P<tier>web|api)'), undefined);
});

test.run();

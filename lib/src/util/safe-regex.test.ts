import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { compileSafeRegex } from './safe-regex.ts';

const test = suite('compileSafeRegex');

test('RE2 syntax: matches anywhere, anchors when asked', () => {
  const r = compileSafeRegex('^w.b$');
  assert.ok(r.ok && r.regex.test('web') && !r.regex.test('webs'));
  const any = compileSafeRegex('eb');
  assert.ok(any.ok && any.regex.test('web'));
});

test('invalid and non-RE2 patterns are reasons, never throws', () => {
  for (const p of ['([', '(?=x)', '\\1']) {
    const r = compileSafeRegex(p);
    assert.is(r.ok, false, p);
  }
});

test('a catastrophic pattern for backtracking engines runs in linear time', () => {
  const r = compileSafeRegex('^(a+)+$');
  assert.ok(r.ok);
  if (!r.ok) return;
  // JavaScript's RegExp takes exponential time here; RE2 answers at once.
  assert.is(r.regex.test(`${'a'.repeat(5000)}!`), false);
});

test.run();

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { escapeControl } from './escape-control.ts';

const test = suite('escape-control');

test('ANSI escapes, BEL, newlines and bidi overrides become visible escapes', () => {
  assert.is(escapeControl('bad\x1b[31mRED\x07'), 'bad\\x1b[31mRED\\x07');
  assert.is(escapeControl('a\nb\tc\rd\x7f\x9b'), 'a\\nb\\tc\\rd\\x7f\\x9b');
  assert.is(escapeControl('x\u202eevil'), 'x\\u202eevil');
});

test('printable text, accents and emoji are unchanged', () => {
  assert.is(escapeControl('website "café" 😀 [ok] {a: b}'), 'website "café" 😀 [ok] {a: b}');
});

test.run();

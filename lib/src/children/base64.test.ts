import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { utf8Encode } from '../util/utf8.ts';
import { base64Utf8 } from './base64.ts';

const utf8Bytes = (s: string): number[] => [...utf8Encode(s)];

const test = suite('base64Utf8');

test('RFC 4648 test vectors', () => {
  const vectors: [string, string][] = [
    ['', ''], ['f', 'Zg=='], ['fo', 'Zm8='], ['foo', 'Zm9v'],
    ['foob', 'Zm9vYg=='], ['fooba', 'Zm9vYmE='], ['foobar', 'Zm9vYmFy'],
  ];
  for (const [input, expected] of vectors) assert.is(base64Utf8(input), expected, input);
});

test('encodes UTF-8 for 2-, 3- and 4-byte characters and NUL', () => {
  assert.is(base64Utf8('héllo'), 'aMOpbGxv');
  assert.is(base64Utf8('日本語'), '5pel5pys6Kqe');
  assert.is(base64Utf8('😀'), '8J+YgA==');
  assert.is(base64Utf8('a\u0000b'), 'YQBi');
});

test('a lone surrogate becomes U+FFFD, as TextEncoder does', () => {
  assert.equal(utf8Bytes('\ud800x'), [0xef, 0xbf, 0xbd, 0x78]);
  assert.equal(utf8Bytes('x\udc00'), [0x78, 0xef, 0xbf, 0xbd]);
  assert.is(base64Utf8('\ud800x'), '77+9eA==');
});

test('output uses only the standard alphabet with padding', () => {
  const out = base64Utf8('\u00ff\u00fe\u00fd~~~???>>>');
  assert.ok(/^[A-Za-z0-9+/]*={0,2}$/.test(out), out);
  assert.is(out.length % 4, 0);
});

test.run();

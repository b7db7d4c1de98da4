import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { utf8DecodeStrict, utf8Encode } from './utf8.ts';

const test = suite('utf8');

test('round-trips every plane and refuses malformed input', () => {
  const text = 'a é € 𝄞 \u{10FFFF}';
  assert.is(utf8DecodeStrict(utf8Encode(text)), text);
  const big = 'x'.repeat(20_000) + '€';
  assert.is(utf8DecodeStrict(utf8Encode(big)), big);
  for (const bad of [[0xc0, 0x80], [0xe0, 0x80, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82], [0x80], [0xff]]) {
    assert.is(utf8DecodeStrict(Uint8Array.from(bad)), undefined, bad.join(','));
  }
});

test.run();

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { base64Encode } from './base64.ts';
import { utf8Encode } from './utf8.ts';

const test = suite('base64 and utf8');

// RFC 4648 §10 test vectors, then UTF-8 inputs (checked against Node's Buffer).
const BASE64: [string, string][] = [
  ['', ''], ['f', 'Zg=='], ['fo', 'Zm8='], ['foo', 'Zm9v'], ['foob', 'Zm9vYg=='], ['fooba', 'Zm9vYmE='], ['foobar', 'Zm9vYmFy'],
  ['é', 'w6k='], ['héllo wörld 🚀', 'aMOpbGxvIHfDtnJsZCDwn5qA'], ['\ud800x', '77+9eA=='],
];

for (const [input, encoded] of BASE64) {
  test(`base64 of ${JSON.stringify(input)}`, () => {
    assert.is(base64Encode(utf8Encode(input)), encoded);
  });
}

test('utf8 encodes every length class and replaces lone surrogates', () => {
  assert.equal([...utf8Encode('A\u00e9\u20ac\u{1F680}')], [0x41, 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x9a, 0x80]);
  assert.equal([...utf8Encode('\udc00')], [0xef, 0xbf, 0xbd]);
  assert.equal([...utf8Encode('\ud83d')], [0xef, 0xbf, 0xbd]);
});

test('base64 covers every byte value', () => {
  const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
  const encoded = base64Encode(bytes);
  assert.is(encoded.length, 344);
  assert.is(encoded.slice(0, 8), 'AAECAwQF');
  assert.is(encoded.slice(-8), '/P3+/w==');
});

test.run();

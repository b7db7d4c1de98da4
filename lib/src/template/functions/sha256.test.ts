import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { sha256Hex } from './sha256.ts';
import { utf8Encode } from '../../util/utf8.ts';

const test = suite('sha256');

// FIPS 180-2 appendix B vectors, boundary lengths around the 55/56-byte padding edge, and UTF-8
// inputs; the non-FIPS digests were computed with Node's crypto.createHash('sha256').
const VECTORS: [string, string][] = [
  ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
  ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
  ['abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'],
  ['a'.repeat(55), '9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318'],
  ['a'.repeat(56), 'b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a'],
  ['a'.repeat(64), 'ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb'],
  ['é', '4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c'],
  ['héllo wörld 🚀', '29f5f135dd75f37391cd6c2b4ba87ddb705b617cb5ad611074f79d1273910967'],
  ['\ud800x', 'a87ce46793cc659b79bd187e998f8488635f707d5be0957e1d565981efd2b04b'],
];

for (const [input, digest] of VECTORS) {
  test(`sha256 of ${JSON.stringify(input.length > 20 ? `${input.slice(0, 8)}…(${input.length})` : input)}`, () => {
    assert.is(sha256Hex(utf8Encode(input)), digest);
  });
}

test('sha256 of one million "a" (FIPS 180-2 B.3, many blocks)', () => {
  assert.is(sha256Hex(utf8Encode('a'.repeat(1_000_000))), 'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
});

test.run();

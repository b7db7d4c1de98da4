import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { canonicalJson, fingerprint, sha256Text } from '@orkestra/lib/runtime';
import { nativeSha256 } from './native-sha256.ts';

const test = suite('nativeSha256: the same fingerprints as lib, from node:crypto');

test('the known digests: empty text and "abc" (FIPS 180-2)', () => {
  assert.is(nativeSha256(''), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  assert.is(nativeSha256('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
});

test('the same answer as lib for ASCII, multi-byte UTF-8, astral characters, lone surrogates and long texts', () => {
  // A lone surrogate is U+FFFD in both (lib's utf8Encode follows TextEncoder, as Buffer does).
  const texts = ['', 'a', 'Grüße, 世界', '🎼 Orkestra 🎻', 'a\ud800b', '\udc00', 'x'.repeat(100_000), canonicalJson({ b: [1, 'ž'], a: { c: null } })];
  for (const t of texts) assert.is(nativeSha256(t), sha256Text(t), `text of ${t.length} code units`);
});

test('a fingerprint through either gives the same value', () => {
  const child = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', annotations: { note: 'é' } }, spec: { replicas: 3 } };
  assert.is(fingerprint(child, nativeSha256), fingerprint(child));
});

test.run();

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { generateKeyPair, importSigningKey } from './key-algorithm.ts';
import { toPem } from './pem.ts';
import { webcrypto } from 'node:crypto';

const test = suite('key algorithms');

test('RSA-2048 generation leaves the event loop free', async () => {
  // A 2 ms ticker stands in for request handling: if keygen ran on the loop, the largest gap
  // between ticks would be about as long as the keygen (tens to hundreds of ms).
  let last = performance.now();
  let maxGapMs = 0;
  let ticks = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    maxGapMs = Math.max(maxGapMs, now - last);
    last = now;
    ticks++;
  }, 2);
  const started = performance.now();
  const keys = await Promise.all([1, 2, 3].map(() => generateKeyPair('RSA-2048')));
  const tookMs = performance.now() - started;
  clearInterval(ticker);
  assert.is(keys.length, 3);
  assert.is(keys[0]!.privateKey.algorithm.name, 'RSASSA-PKCS1-v1_5');
  assert.ok(ticks >= 3, `ticker ran during ${tookMs.toFixed(0)} ms of keygen (${ticks} ticks)`);
  assert.ok(maxGapMs < 50, `largest event-loop gap ${maxGapMs.toFixed(1)} ms while 3 RSA keys took ${tookMs.toFixed(0)} ms`);
});

test('importSigningKey accepts P-256 and RSA PKCS#8 keys and names anything else', async () => {
  for (const algorithm of ['ECDSA-P256', 'RSA-2048'] as const) {
    const { privateKey } = await generateKeyPair(algorithm);
    const imported = await importSigningKey(toPem('PRIVATE KEY', await webcrypto.subtle.exportKey('pkcs8', privateKey)));
    assert.is(imported.algorithm.name, privateKey.algorithm.name, algorithm);
    assert.equal(imported.usages, ['sign']);
  }
  const p384 = await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-384' }, true, ['sign', 'verify']);
  const pem = toPem('PRIVATE KEY', await webcrypto.subtle.exportKey('pkcs8', p384.privateKey));
  try {
    await importSigningKey(pem);
    assert.unreachable('P-384 accepted');
  } catch (error) {
    assert.match((error as Error).message, /unsupported CA key algorithm 1\.2\.840\.10045\.2\.1 \(curve 1\.3\.132\.0\.34\)/);
  }
});

test.run();

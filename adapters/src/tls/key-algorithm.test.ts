import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { generateKeyPair, importSigningKey } from './key-algorithm.ts';
import { toPem } from './pem.ts';
import { webcrypto } from 'node:crypto';

const test = suite('key algorithms');

test('RSA-2048 generation leaves the event loop free', async () => {
  // Event-loop utilisation is the share of wall time the loop spent running code rather than
  // waiting in the poll phase. Keygen on the loop would push it near 1 for the whole 0.1–1 s;
  // off the loop it stays low. Unlike timer gaps, it does not rise when a busy machine merely
  // deschedules this process while it waits.
  const before = performance.eventLoopUtilization();
  const started = performance.now();
  const keys = await Promise.all([1, 2, 3].map(() => generateKeyPair('RSA-2048')));
  const tookMs = performance.now() - started;
  const { utilization } = performance.eventLoopUtilization(before);
  assert.is(keys.length, 3);
  assert.is(keys[0]!.privateKey.algorithm.name, 'RSASSA-PKCS1-v1_5');
  assert.ok(utilization < 0.5, `event loop busy ${(utilization * 100).toFixed(0)}% of the ${tookMs.toFixed(0)} ms 3 RSA keys took`);
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

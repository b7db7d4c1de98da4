import { X509Certificate, createPrivateKey, createPublicKey } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseExtensions } from './certificate-facts.test-support.ts';
import { generateCa, NOT_BEFORE_BACKDATE_MS } from './generate-ca.ts';
import type { KeyAlgorithm } from './key-algorithm.ts';
import { readCertificate } from './read-certificate.ts';

const test = suite('generateCa');
const nowMs = Date.UTC(2030, 0, 15, 12, 0, 0);
const dayMs = 86_400_000;

for (const [algorithm, keyType] of [['ECDSA-P256', 'ec'], ['RSA-2048', 'rsa']] as [KeyAlgorithm, string][]) {
  test(`${algorithm}: a self-signed CA with cA, keyCertSign+cRLSign and a subject key id`, async () => {
    const ca = await generateCa({ commonName: 'orkestra-gateway-ca', validForMs: 730 * dayMs, nowMs, algorithm });
    const x509 = new X509Certificate(ca.certPem);
    assert.ok(x509.verify(x509.publicKey), 'self-signature verifies');
    assert.ok(x509.checkIssued(x509), 'issuer is itself');
    assert.is(x509.publicKey.asymmetricKeyType, keyType);
    const facts = readCertificate(ca.certPem);
    assert.is(facts.isCa, true);
    assert.is(facts.subject, 'CN=orkestra-gateway-ca');
    assert.is(facts.notBeforeMs, nowMs - NOT_BEFORE_BACKDATE_MS);
    assert.is(facts.notAfterMs, nowMs + 730 * dayMs);
    const ext = parseExtensions(ca.certPem);
    assert.is(ext.version, 2);
    assert.is(ext.ca, true);
    assert.equal(ext.keyUsage, ['keyCertSign', 'cRLSign']);
    assert.is(ext.critical['2.5.29.19'], true, 'basicConstraints critical');
    assert.is(ext.critical['2.5.29.15'], true, 'keyUsage critical');
    assert.is(ext.subjectKeyId?.length, 40, 'SHA-1 key id');
    // The key is PKCS#8 and belongs to the certificate.
    assert.match(ca.keyPem, /^-----BEGIN PRIVATE KEY-----\n/);
    const publicFromKey = createPublicKey(createPrivateKey(ca.keyPem)).export({ type: 'spki', format: 'der' });
    assert.ok(publicFromKey.equals(x509.publicKey.export({ type: 'spki', format: 'der' })), 'key matches certificate');
  });
}

test('serial numbers are random, positive and 16 bytes', async () => {
  const serials = await Promise.all([1, 2, 3].map(async () => parseExtensions((await generateCa({ commonName: 'ca', validForMs: dayMs, nowMs })).certPem).serialHex));
  assert.is(new Set(serials).size, 3);
  for (const serial of serials) {
    assert.is(serial.length, 32, serial);
    assert.ok(parseInt(serial.slice(0, 2), 16) < 0x80, `positive: ${serial}`);
  }
});

test('validity past 2049 is encoded as GeneralizedTime and reads back exactly', async () => {
  const late = Date.UTC(2049, 6, 1);
  const ca = await generateCa({ commonName: 'ca', validForMs: 3 * 365 * dayMs, nowMs: late });
  const facts = readCertificate(ca.certPem);
  assert.is(facts.notAfterMs, late + 3 * 365 * dayMs);
  assert.is(new Date(facts.notAfterMs).getUTCFullYear(), 2052);
});

test.run();

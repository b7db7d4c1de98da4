import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { CertificateReadError, readCertificate } from './read-certificate.ts';
import { generateCa } from './generate-ca.ts';
import { generateServingCert } from './generate-serving-cert.ts';

const test = suite('readCertificate');
const nowMs = Date.UTC(2030, 0, 15, 12, 0, 0);

test('reads the first certificate of a bundle and fingerprints it like tls peer certificates', async () => {
  const ca = await generateCa({ commonName: 'ca', validForMs: 86_400_000, nowMs });
  const leaf = await generateServingCert({ ca, dnsNames: ['a.b'], ipAddresses: ['fe80::1'], validForMs: 3_600_000, nowMs });
  const facts = readCertificate(leaf.certPem + ca.certPem);
  assert.equal(facts.dnsNames, ['a.b']);
  assert.equal(facts.ipAddresses, ['fe80::1']);
  assert.match(facts.fingerprintSha256, /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  assert.is.not(facts.fingerprintSha256, readCertificate(ca.certPem).fingerprintSha256);
});

test('text that is no certificate throws CertificateReadError', () => {
  for (const text of ['', 'hello', '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n']) {
    assert.throws(() => readCertificate(text), (error: unknown) => error instanceof CertificateReadError, JSON.stringify(text));
  }
});

test.run();

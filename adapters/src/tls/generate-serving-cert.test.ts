import { X509Certificate, createPrivateKey, createPublicKey } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseExtensions } from './certificate-facts.test-support.ts';
import { generateCa, NOT_BEFORE_BACKDATE_MS } from './generate-ca.ts';
import { generateServingCert } from './generate-serving-cert.ts';
import type { KeyAlgorithm } from './key-algorithm.ts';
import { readCertificate } from './read-certificate.ts';

const test = suite('generateServingCert');
const nowMs = Date.UTC(2030, 0, 15, 12, 0, 0);
const dayMs = 86_400_000;
const dnsNames = ['orkestra-gateway', 'orkestra-gateway.ork', 'orkestra-gateway.ork.svc', 'orkestra-gateway.ork.svc.cluster.local', 'localhost'];
const ipAddresses = ['127.0.0.1', '::1'];

const combos: [KeyAlgorithm, KeyAlgorithm][] = [['ECDSA-P256', 'ECDSA-P256'], ['RSA-2048', 'RSA-2048'], ['ECDSA-P256', 'RSA-2048'], ['RSA-2048', 'ECDSA-P256']];
for (const [caAlgorithm, algorithm] of combos) {
  test(`${algorithm} leaf under a ${caAlgorithm} CA: chain, SANs and serving extensions`, async () => {
    const ca = await generateCa({ commonName: 'orkestra-gateway-ca', validForMs: 365 * dayMs, nowMs, algorithm: caAlgorithm });
    const leaf = await generateServingCert({ ca, dnsNames, ipAddresses, validForMs: 30 * dayMs, nowMs, algorithm });
    const caX509 = new X509Certificate(ca.certPem);
    const x509 = new X509Certificate(leaf.certPem);
    assert.ok(x509.checkIssued(caX509), 'issued by the CA (names and key ids match)');
    assert.ok(x509.verify(caX509.publicKey), 'signature verifies with the CA key');
    assert.not.ok(x509.verify(x509.publicKey), 'not self-signed');
    for (const name of dnsNames) assert.is(x509.checkHost(name), name);
    assert.is(x509.checkHost('other.ork.svc'), undefined);
    for (const ip of ipAddresses) assert.is(x509.checkIP(ip), ip);
    assert.is(x509.checkIP('10.0.0.1'), undefined);

    const facts = readCertificate(leaf.certPem);
    assert.equal(facts.dnsNames, dnsNames);
    assert.equal(facts.ipAddresses, ipAddresses);
    assert.is(facts.isCa, false);
    assert.is(facts.subject, 'CN=orkestra-gateway');
    assert.is(facts.notBeforeMs, nowMs - NOT_BEFORE_BACKDATE_MS);
    assert.is(facts.notAfterMs, nowMs + 30 * dayMs);

    const ext = parseExtensions(leaf.certPem);
    const caExt = parseExtensions(ca.certPem);
    assert.is(ext.ca, false);
    assert.equal(ext.keyUsage, algorithm === 'RSA-2048' ? ['digitalSignature', 'keyEncipherment'] : ['digitalSignature']);
    assert.equal(ext.extKeyUsage, ['1.3.6.1.5.5.7.3.1']);
    assert.equal(ext.sanTypes, [2, 2, 2, 2, 2, 7, 7]);
    assert.is(ext.authorityKeyId, caExt.subjectKeyId);
    assert.ok(ext.subjectKeyId && ext.subjectKeyId !== caExt.subjectKeyId, 'own subject key id');
    assert.is(x509.publicKey.asymmetricKeyType, algorithm === 'RSA-2048' ? 'rsa' : 'ec');
    const publicFromKey = createPublicKey(createPrivateKey(leaf.keyPem)).export({ type: 'spki', format: 'der' });
    assert.ok(publicFromKey.equals(x509.publicKey.export({ type: 'spki', format: 'der' })), 'key matches certificate');
  });
}

test('a leaf from another CA does not verify against this one', async () => {
  const [ca, other] = await Promise.all([1, 2].map(() => generateCa({ commonName: 'orkestra-gateway-ca', validForMs: dayMs, nowMs })));
  const leaf = await generateServingCert({ ca: other!, dnsNames: ['svc'], validForMs: dayMs, nowMs });
  assert.not.ok(new X509Certificate(leaf.certPem).verify(new X509Certificate(ca!.certPem).publicKey));
});

test('bad input throws: no names, a non-IP address, an unreadable CA', async () => {
  const ca = await generateCa({ commonName: 'ca', validForMs: dayMs, nowMs });
  const cases: [string, Parameters<typeof generateServingCert>[0], RegExp][] = [
    ['no names', { ca, dnsNames: [], validForMs: dayMs, nowMs }, /at least one DNS name or IP/],
    ['bad ip', { ca, dnsNames: ['svc'], ipAddresses: ['localhost'], validForMs: dayMs, nowMs }, /not an IP address: "localhost"/],
    ['bad CA cert', { ca: { ...ca, certPem: 'nope' }, dnsNames: ['svc'], validForMs: dayMs, nowMs }, /CA certificate is not a PEM/],
    ['bad CA key', { ca: { ...ca, keyPem: ca.certPem }, dnsNames: ['svc'], validForMs: dayMs, nowMs }, /not a PKCS#8 PEM/],
  ];
  for (const [name, options, message] of cases) {
    try {
      await generateServingCert(options);
      assert.unreachable(name);
    } catch (error) {
      assert.instance(error, Error, name);
      assert.match((error as Error).message, message, name);
    }
  }
});

test.run();

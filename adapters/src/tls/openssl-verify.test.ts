// Cross-checks our certificates with OpenSSL's verifier, a second implementation besides Node's.
// OpenSSL is a hard requirement of this suite (Debian package `openssl`): when it is missing the
// suite fails rather than skipping, so a green run always means OpenSSL accepted the chain.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { generateCa, NOT_BEFORE_BACKDATE_MS } from './generate-ca.ts';
import type { PemKeyPair } from './generate-ca.ts';
import { generateServingCert } from './generate-serving-cert.ts';
import type { KeyAlgorithm } from './key-algorithm.ts';

const test = suite('openssl verify');
const nowMs = Date.UTC(2030, 0, 15, 12, 0, 0);
const dayMs = 86_400_000;
const dir = mkdtempSync(join(tmpdir(), 'ork-tls-'));

test.after(() => rmSync(dir, { recursive: true, force: true }));

function verify(ca: PemKeyPair, leaf: PemKeyPair, atMs: number, extra: string[] = []): { ok: boolean; output: string } {
  writeFileSync(join(dir, 'ca.pem'), ca.certPem);
  writeFileSync(join(dir, 'leaf.pem'), leaf.certPem);
  const run = spawnSync('openssl', ['verify', '-x509_strict', '-purpose', 'sslserver', '-attime', String(Math.floor(atMs / 1000)),
    ...extra, '-CAfile', join(dir, 'ca.pem'), join(dir, 'leaf.pem')], { encoding: 'utf8' });
  if (run.error) throw new Error(`openssl is required for this suite (apt-get install openssl): ${run.error.message}`);
  return { ok: run.status === 0, output: `${run.stdout}${run.stderr}` };
}

test('openssl is installed', () => {
  const run = spawnSync('openssl', ['version'], { encoding: 'utf8' });
  assert.is(run.error, undefined, 'openssl must be on PATH (Debian package openssl)');
  assert.match(run.stdout, /^OpenSSL 3\./);
});

for (const [caAlgorithm, algorithm] of [['ECDSA-P256', 'ECDSA-P256'], ['RSA-2048', 'RSA-2048'], ['ECDSA-P256', 'RSA-2048']] as [KeyAlgorithm, KeyAlgorithm][]) {
  test(`${algorithm} leaf under ${caAlgorithm} CA: strict chain, host, IP and validity window`, async () => {
    const ca = await generateCa({ commonName: 'orkestra-gateway-ca', validForMs: 365 * dayMs, nowMs, algorithm: caAlgorithm });
    const leaf = await generateServingCert({ ca, dnsNames: ['orkestra-gateway.ork.svc', 'localhost'], ipAddresses: ['127.0.0.1', '::1'],
      validForMs: 30 * dayMs, nowMs, algorithm });
    const cases: [string, number, string[], boolean][] = [
      ['at issue', nowMs, [], true],
      ['service host', nowMs, ['-verify_hostname', 'orkestra-gateway.ork.svc'], true],
      ['loopback IPv4', nowMs, ['-verify_ip', '127.0.0.1'], true],
      ['loopback IPv6', nowMs, ['-verify_ip', '::1'], true],
      ['other host', nowMs, ['-verify_hostname', 'evil.ork.svc'], false],
      ['other IP', nowMs, ['-verify_ip', '10.0.0.1'], false],
      ['peer clock 30 s behind', nowMs - 30_000, [], true],
      ['before the backdated notBefore', nowMs - NOT_BEFORE_BACKDATE_MS - 5_000, [], false],
      ['just before expiry', nowMs + 30 * dayMs - 5_000, [], true],
      ['after expiry', nowMs + 30 * dayMs + 5_000, [], false],
    ];
    for (const [name, atMs, extra, expected] of cases) {
      const { ok, output } = verify(ca, leaf, atMs, extra);
      assert.is(ok, expected, `${name}: ${output}`);
    }
  });
}

test('a leaf from another CA is rejected', async () => {
  const [ca, other] = await Promise.all([1, 2].map(() => generateCa({ commonName: 'orkestra-gateway-ca', validForMs: dayMs, nowMs })));
  const leaf = await generateServingCert({ ca: other!, dnsNames: ['svc'], validForMs: dayMs, nowMs });
  assert.is(verify(ca!, leaf, nowMs).ok, false);
  assert.is(verify(other!, leaf, nowMs).ok, true);
});

test.run();

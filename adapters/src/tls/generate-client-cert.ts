import { Certificate } from 'pkijs';
import type { PemKeyPair } from './generate-ca.ts';
import { NOT_BEFORE_BACKDATE_MS } from './generate-ca.ts';
import { exportPrivateKeyPem, generateKeyPair, importSigningKey } from './key-algorithm.ts';
import { authorityKeyIdentifier, basicConstraints, extKeyUsageClientAuth, keyUsage, subjectKeyIdentifier } from './certificate-extensions.ts';
import { caKeyIdentifier } from './generate-serving-cert.ts';
import { fromPem, toPem } from './pem.ts';
import { commonNameRdn, keyIdentifierOf, publicKeyInfoOf, signCertificate } from './sign-certificate.ts';

/** Options of generateClientCert. */
export interface GenerateClientCertOptions {
  readonly ca: PemKeyPair;
  /** The subject CN: the name a server that checks client names sees. */
  readonly commonName: string;
  readonly validForMs: number;
  readonly nowMs: number;
}

/**
 * Generates an ECDSA P-256 TLS client certificate signed by `ca` (extKeyUsage clientAuth): the
 * gateway's own self-check identity when the webhook port requires client certificates, and the
 * API server's identity in tests.
 */
export async function generateClientCert(options: GenerateClientCertOptions): Promise<PemKeyPair> {
  const caDer = fromPem('CERTIFICATE', options.ca.certPem);
  if (!caDer) throw new Error('the CA certificate is not a PEM CERTIFICATE block');
  const caCert = Certificate.fromBER(caDer);
  const [signingKey, keys] = await Promise.all([importSigningKey(options.ca.keyPem), generateKeyPair('ECDSA-P256')]);
  const publicKeyInfo = publicKeyInfoOf(keys.publicKey);
  const der = await signCertificate({
    subject: commonNameRdn(options.commonName),
    issuer: caCert.subject,
    publicKeyInfo,
    notBeforeMs: options.nowMs - NOT_BEFORE_BACKDATE_MS,
    notAfterMs: options.nowMs + options.validForMs,
    extensions: [
      basicConstraints(false),
      keyUsage(['digitalSignature']),
      extKeyUsageClientAuth(),
      subjectKeyIdentifier(keyIdentifierOf(publicKeyInfo)),
      authorityKeyIdentifier(caKeyIdentifier(caCert)),
    ],
  }, signingKey);
  return { certPem: toPem('CERTIFICATE', der), keyPem: exportPrivateKeyPem(keys.privateKey) };
}

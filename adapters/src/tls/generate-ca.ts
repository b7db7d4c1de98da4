import type { KeyAlgorithm } from './key-algorithm.ts';
import { exportPrivateKeyPem, generateKeyPair } from './key-algorithm.ts';
import { basicConstraints, keyUsage, subjectKeyIdentifier } from './certificate-extensions.ts';
import { toPem } from './pem.ts';
import { commonNameRdn, keyIdentifierOf, publicKeyInfoOf, signCertificate } from './sign-certificate.ts';

/** A certificate and its private key, both PEM: the certificate as `CERTIFICATE`, the key as PKCS#8 `PRIVATE KEY`. */
export interface PemKeyPair {
  readonly certPem: string;
  readonly keyPem: string;
}

/** Options of generateCa. */
export interface GenerateCaOptions {
  readonly commonName: string;
  /** Lifetime from `nowMs` in ms. */
  readonly validForMs: number;
  /** Epoch ms the validity is counted from (the caller's clock). */
  readonly nowMs: number;
  /** Defaults to ECDSA-P256. */
  readonly algorithm?: KeyAlgorithm;
}

/**
 * Backdating notBefore by a minute keeps a certificate usable by a peer whose clock runs a little
 * behind ours (the API server on another node, a replica just rotated): a cert "not yet valid"
 * fails every handshake until that peer's clock catches up.
 */
export const NOT_BEFORE_BACKDATE_MS = 60_000;

/** Generates a self-signed CA (basicConstraints cA, keyUsage keyCertSign+cRLSign, subjectKeyIdentifier). */
export async function generateCa(options: GenerateCaOptions): Promise<PemKeyPair> {
  const keys = await generateKeyPair(options.algorithm ?? 'ECDSA-P256');
  const publicKeyInfo = publicKeyInfoOf(keys.publicKey);
  const name = commonNameRdn(options.commonName);
  const der = await signCertificate({
    subject: name,
    issuer: name,
    publicKeyInfo,
    notBeforeMs: options.nowMs - NOT_BEFORE_BACKDATE_MS,
    notAfterMs: options.nowMs + options.validForMs,
    extensions: [
      basicConstraints(true),
      keyUsage(['keyCertSign', 'cRLSign']),
      subjectKeyIdentifier(keyIdentifierOf(publicKeyInfo)),
    ],
  }, keys.privateKey);
  return { certPem: toPem('CERTIFICATE', der), keyPem: exportPrivateKeyPem(keys.privateKey) };
}

import * as asn1js from 'asn1js';
import { Certificate } from 'pkijs';
import type { PemKeyPair } from './generate-ca.ts';
import { NOT_BEFORE_BACKDATE_MS } from './generate-ca.ts';
import type { KeyAlgorithm } from './key-algorithm.ts';
import { exportPrivateKeyPem, generateKeyPair, importSigningKey } from './key-algorithm.ts';
import {
  authorityKeyIdentifier, basicConstraints, extKeyUsageServerAuth, extensionOids, keyUsage, subjectAltName,
  subjectKeyIdentifier,
} from './certificate-extensions.ts';
import { fromPem, toPem } from './pem.ts';
import { commonNameRdn, keyIdentifierOf, publicKeyInfoOf, signCertificate } from './sign-certificate.ts';

/** Options of generateServingCert. */
export interface GenerateServingCertOptions {
  /** The issuing CA (as generateCa returns it, or any P-256/RSA CA with a PKCS#8 key). */
  readonly ca: PemKeyPair;
  /** SAN DNS names; the first is also the subject CN (informational: clients match SANs only). */
  readonly dnsNames: readonly string[];
  /** SAN IP addresses (IPv4 or IPv6 literals). */
  readonly ipAddresses?: readonly string[];
  /** Lifetime from `nowMs` in ms. */
  readonly validForMs: number;
  /** Epoch ms the validity is counted from (the caller's clock). */
  readonly nowMs: number;
  /** Key of the serving certificate; defaults to ECDSA-P256 (the CA's own key type does not matter). */
  readonly algorithm?: KeyAlgorithm;
}

/**
 * Generates a serving certificate signed by `ca`: basicConstraints cA false, keyUsage
 * digitalSignature (+ keyEncipherment for RSA), extKeyUsage serverAuth, subjectAltName,
 * subject and authority key identifiers. Throws if the CA PEMs are unusable or an IP is invalid.
 */
export async function generateServingCert(options: GenerateServingCertOptions): Promise<PemKeyPair> {
  const ipAddresses = options.ipAddresses ?? [];
  if (options.dnsNames.length + ipAddresses.length === 0) throw new Error('a serving certificate needs at least one DNS name or IP address');
  const algorithm = options.algorithm ?? 'ECDSA-P256';
  const caDer = fromPem('CERTIFICATE', options.ca.certPem);
  if (!caDer) throw new Error('the CA certificate is not a PEM CERTIFICATE block');
  const caCert = Certificate.fromBER(caDer);
  const [signingKey, keys] = await Promise.all([importSigningKey(options.ca.keyPem), generateKeyPair(algorithm)]);
  const publicKeyInfo = publicKeyInfoOf(keys.publicKey);
  const der = await signCertificate({
    subject: commonNameRdn(options.dnsNames[0] ?? ipAddresses[0] ?? ''),
    issuer: caCert.subject,
    publicKeyInfo,
    notBeforeMs: options.nowMs - NOT_BEFORE_BACKDATE_MS,
    notAfterMs: options.nowMs + options.validForMs,
    extensions: [
      basicConstraints(false),
      // RSA key exchange (TLS 1.2 RSA suites) encrypts with the key; ECDSA keys only sign.
      keyUsage(algorithm === 'RSA-2048' ? ['digitalSignature', 'keyEncipherment'] : ['digitalSignature']),
      extKeyUsageServerAuth(),
      subjectAltName(options.dnsNames, ipAddresses),
      subjectKeyIdentifier(keyIdentifierOf(publicKeyInfo)),
      authorityKeyIdentifier(caKeyIdentifier(caCert)),
    ],
  }, signingKey);
  return { certPem: toPem('CERTIFICATE', der), keyPem: exportPrivateKeyPem(keys.privateKey) };
}

/** The CA's own subjectKeyIdentifier when it has one (it must match byte for byte), else the RFC 5280 method-1 id of its key. */
export function caKeyIdentifier(ca: Certificate): ArrayBuffer {
  const ski = ca.extensions?.find((e) => e.extnID === extensionOids.subjectKeyIdentifier);
  if (ski) {
    const parsed = asn1js.fromBER(ski.extnValue.valueBlock.valueHexView);
    if (parsed.result instanceof asn1js.OctetString) return parsed.result.valueBlock.valueHexView.slice().buffer;
  }
  return keyIdentifierOf(ca.subjectPublicKeyInfo);
}

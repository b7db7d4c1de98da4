import { X509Certificate } from 'node:crypto';
import { canonicalIpAddress } from './ip-address.ts';

/** What the rotation policy and the SAN/expiry checks need to know about a certificate. */
export interface CertificateFacts {
  /** Epoch ms, whole seconds. */
  readonly notBeforeMs: number;
  /** Epoch ms, whole seconds. */
  readonly notAfterMs: number;
  readonly dnsNames: readonly string[];
  /** Canonical text (IPv6 compressed, lower case). */
  readonly ipAddresses: readonly string[];
  readonly isCa: boolean;
  /** The subject as Node prints it, e.g. `CN=orkestra-gateway-ca`. */
  readonly subject: string;
  /** SHA-256 of the DER, colon-separated upper-case hex as in `tls` peer certificates' `fingerprint256`. */
  readonly fingerprintSha256: string;
}

/** Thrown by readCertificate when the text is not a readable X.509 certificate. */
export class CertificateReadError extends Error {
  override readonly name = 'CertificateReadError';
}

/** Facts of the first certificate in `pem`; throws CertificateReadError if there is none or it does not parse. */
export function readCertificate(pem: string): CertificateFacts {
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(pem);
  } catch (cause) {
    throw new CertificateReadError('not a PEM X.509 certificate', { cause });
  }
  const sans = splitSubjectAltName(cert.subjectAltName);
  return {
    notBeforeMs: Date.parse(cert.validFrom),
    notAfterMs: Date.parse(cert.validTo),
    dnsNames: sans.flatMap(([type, value]) => (type === 'DNS' ? [value] : [])),
    ipAddresses: sans.flatMap(([type, value]) => {
      const ip = type === 'IP Address' ? canonicalIpAddress(value) : undefined;
      return ip ? [ip] : [];
    }),
    isCa: cert.ca,
    subject: cert.subject,
    fingerprintSha256: cert.fingerprint256,
  };
}

/**
 * Node prints SANs as `DNS:a, IP Address:127.0.0.1`; since CVE-2021-44532 it JSON-quotes any
 * value containing a separator, so a quoted entry is decoded rather than split.
 */
function splitSubjectAltName(text: string | undefined): [string, string][] {
  if (!text) return [];
  const entries: [string, string][] = [];
  const pattern = /([A-Za-z ]+):("(?:[^"\\]|\\.)*"|[^,]*)(?:, |$)/gy;
  for (let match = pattern.exec(text); match && match[0] !== ''; match = pattern.exec(text)) {
    const [, type = '', raw = ''] = match;
    entries.push([type, raw.startsWith('"') ? (JSON.parse(raw) as string) : raw]);
  }
  return entries;
}

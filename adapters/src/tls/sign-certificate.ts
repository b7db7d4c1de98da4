import { KeyObject, createHash, webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import { AttributeTypeAndValue, Certificate, PublicKeyInfo, RelativeDistinguishedNames, Time } from 'pkijs';
import type { Extension } from 'pkijs';

type CryptoKey = webcrypto.CryptoKey;

/** What a certificate says about itself; the issuer's side comes separately. */
export interface CertificateDraft {
  readonly subject: RelativeDistinguishedNames;
  /** The issuer's subject name, byte for byte (chain building compares names as encoded); the subject itself when self-signed. */
  readonly issuer: RelativeDistinguishedNames;
  readonly publicKeyInfo: PublicKeyInfo;
  readonly notBeforeMs: number;
  readonly notAfterMs: number;
  readonly extensions: readonly Extension[];
}

/** A Name holding only a commonName, encoded as UTF8String (RFC 5280 §4.1.2.6). */
export function commonNameRdn(commonName: string): RelativeDistinguishedNames {
  return new RelativeDistinguishedNames({
    typesAndValues: [new AttributeTypeAndValue({ type: '2.5.4.3', value: new asn1js.Utf8String({ value: commonName }) })],
  });
}

/**
 * The SubjectPublicKeyInfo of a WebCrypto public key. Exported through KeyObject, synchronously:
 * each awaited WebCrypto call is a thread-pool round trip, which on a busy 2-core box costs more
 * than the work itself.
 */
export function publicKeyInfoOf(publicKey: CryptoKey): PublicKeyInfo {
  return PublicKeyInfo.fromBER(KeyObject.from(publicKey).export({ type: 'spki', format: 'der' }));
}

/** SHA-1 of the subjectPublicKey bits: the key identifier of RFC 5280 §4.2.1.2 method 1. */
export function keyIdentifierOf(info: PublicKeyInfo): ArrayBuffer {
  const digest = createHash('sha1').update(info.subjectPublicKey.valueBlock.valueHexView).digest();
  return digest.buffer.slice(digest.byteOffset, digest.byteOffset + digest.byteLength);
}

/** Signs `draft` with `signingKey` (SHA-256) and returns the certificate's DER bytes. */
export async function signCertificate(draft: CertificateDraft, signingKey: CryptoKey): Promise<ArrayBuffer> {
  const cert = new Certificate();
  cert.version = 2; // v3, needed for extensions
  cert.serialNumber = new asn1js.Integer({ valueHex: randomSerial() });
  cert.subject = draft.subject;
  cert.issuer = draft.issuer;
  cert.notBefore = certificateTime(draft.notBeforeMs);
  cert.notAfter = certificateTime(draft.notAfterMs);
  cert.subjectPublicKeyInfo = draft.publicKeyInfo;
  cert.extensions = [...draft.extensions];
  await cert.sign(signingKey as never, 'SHA-256');
  return cert.toSchema(true).toBER(false);
}

/**
 * 16 random bytes as a positive, minimally encoded INTEGER: CA/B Forum asks for ≥ 64 random bits,
 * RFC 5280 caps serials at 20 octets, and a set high bit would make the DER value negative.
 */
function randomSerial(): Uint8Array {
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x40;
  return bytes;
}

/** UTCTime through 2049, GeneralizedTime after (RFC 5280 §4.1.2.5); whole seconds, as DER allows no fraction here. */
function certificateTime(ms: number): Time {
  const value = new Date(Math.floor(ms / 1000) * 1000);
  return new Time({ type: value.getUTCFullYear() < 2050 ? 0 : 1, value });
}

// X.509 v3 extensions (RFC 5280 §4.2) as pkijs objects, DER-encoded the way strict verifiers
// (Go's crypto/x509 in kube-apiserver, OpenSSL) expect.
import * as asn1js from 'asn1js';
import { AuthorityKeyIdentifier, BasicConstraints, ExtKeyUsage, Extension, GeneralName, GeneralNames } from 'pkijs';
import { ipAddressBytes } from './ip-address.ts';

const oid = {
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  authorityKeyIdentifier: '2.5.29.35',
  extKeyUsage: '2.5.29.37',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
} as const;

/** keyUsage bits, numbered as in RFC 5280 (bit 0 is the most significant bit of the first byte). */
export type KeyUsage = 'digitalSignature' | 'keyEncipherment' | 'keyCertSign' | 'cRLSign';
const keyUsageBit: Record<KeyUsage, number> = { digitalSignature: 0, keyEncipherment: 2, keyCertSign: 5, cRLSign: 6 };

function extension(extnID: string, critical: boolean, value: asn1js.BaseBlock): Extension {
  return new Extension({ extnID, critical, extnValue: value.toBER(false) });
}

/** basicConstraints, critical as RFC 5280 requires for CAs (and harmless on leaves). */
export function basicConstraints(ca: boolean): Extension {
  return extension(oid.basicConstraints, true, new BasicConstraints({ cA: ca }).toSchema());
}

/** keyUsage, critical; a DER named bit list drops trailing zero bits (X.690 §11.2.2). */
export function keyUsage(usages: readonly KeyUsage[]): Extension {
  const bits = usages.map((u) => keyUsageBit[u]);
  const byte = bits.reduce((acc, bit) => acc | (0x80 >> bit), 0);
  const unusedBits = byte === 0 ? 0 : Math.min(...[0, 1, 2, 3, 4, 5, 6, 7].filter((n) => (byte >> n) & 1));
  const value = new asn1js.BitString({ valueHex: new Uint8Array([byte]), unusedBits });
  return extension(oid.keyUsage, true, value);
}

/** extKeyUsage serverAuth, the only purpose a webhook serving certificate needs. */
export function extKeyUsageServerAuth(): Extension {
  return extension(oid.extKeyUsage, false, new ExtKeyUsage({ keyPurposes: [oid.serverAuth] }).toSchema());
}

/** extKeyUsage clientAuth: a certificate a TLS server accepts as its client's identity. */
export function extKeyUsageClientAuth(): Extension {
  return extension(oid.extKeyUsage, false, new ExtKeyUsage({ keyPurposes: [oid.clientAuth] }).toSchema());
}

/** subjectAltName with DNS names and IP addresses; throws on a string that is not an IP literal. */
export function subjectAltName(dnsNames: readonly string[], ipAddresses: readonly string[]): Extension {
  const names = [
    ...dnsNames.map((value) => new GeneralName({ type: 2, value })),
    ...ipAddresses.map((ip) => {
      const bytes = ipAddressBytes(ip);
      if (!bytes) throw new Error(`not an IP address: ${JSON.stringify(ip)}`);
      return new GeneralName({ type: 7, value: new asn1js.OctetString({ valueHex: bytes }) });
    }),
  ];
  // With an empty subject (as ours are not, but a SAN-only leaf could be) this must be critical;
  // with a CN subject it is non-critical, which every client accepts.
  return extension(oid.subjectAltName, false, new GeneralNames({ names }).toSchema());
}

/** subjectKeyIdentifier: the given key id (SHA-1 of the subject public key, RFC 5280 §4.2.1.2 method 1). */
export function subjectKeyIdentifier(keyId: ArrayBuffer): Extension {
  return extension(oid.subjectKeyIdentifier, false, new asn1js.OctetString({ valueHex: keyId }));
}

/** authorityKeyIdentifier carrying the issuer's key id, which chain builders use to pick the CA. */
export function authorityKeyIdentifier(issuerKeyId: ArrayBuffer): Extension {
  const value = new AuthorityKeyIdentifier({ keyIdentifier: new asn1js.OctetString({ valueHex: issuerKeyId }) });
  return extension(oid.authorityKeyIdentifier, false, value.toSchema());
}

export { oid as extensionOids };

import { KeyObject, webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import { PrivateKeyInfo } from 'pkijs';
import { fromPem } from './pem.ts';

/** Key types we issue: ECDSA P-256 by default, RSA-2048 when a consumer cannot do ECDSA. */
export type KeyAlgorithm = 'ECDSA-P256' | 'RSA-2048';

type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;

const { subtle } = webcrypto;

const oid = { ecPublicKey: '1.2.840.10045.2.1', p256: '1.2.840.10045.3.1.7', rsaEncryption: '1.2.840.113549.1.1.1' } as const;

// Both are signing keys; the hash is fixed at SHA-256 (ecdsa-with-SHA256, sha256WithRSAEncryption).
const ecdsaP256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const rsa2048 = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;

/**
 * A fresh extractable key pair. WebCrypto runs RSA generation as a libuv thread-pool job, so the
 * event loop keeps serving while it takes its 30–300 ms; P-256 takes well under a millisecond.
 */
export async function generateKeyPair(algorithm: KeyAlgorithm): Promise<CryptoKeyPair> {
  const params = algorithm === 'ECDSA-P256'
    ? ecdsaP256
    : { ...rsa2048, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) };
  return subtle.generateKey(params, true, ['sign', 'verify']) as Promise<CryptoKeyPair>;
}

/** PKCS#8 PEM text of a private key (through KeyObject: synchronous, no thread-pool round trip). */
export function exportPrivateKeyPem(key: CryptoKey): string {
  return KeyObject.from(key).export({ type: 'pkcs8', format: 'pem' }) as string;
}

/**
 * Imports a PKCS#8 PEM private key (ours, or a CA handed to us) for signing; the key type is read
 * from the key itself. Throws on anything that is not a P-256 or RSA key.
 */
export async function importSigningKey(keyPem: string): Promise<CryptoKey> {
  const der = fromPem('PRIVATE KEY', keyPem);
  if (!der) throw new Error('the CA key is not a PKCS#8 PEM ("BEGIN PRIVATE KEY") block');
  // WebCrypto must be told the key type; reading the AlgorithmIdentifier is far cheaper than
  // node:crypto's createPrivateKey, which fully parses and checks the key a second time.
  let info: PrivateKeyInfo;
  try {
    info = PrivateKeyInfo.fromBER(der);
  } catch (cause) {
    throw new Error('the CA key is not a PKCS#8 private key', { cause });
  }
  const algorithmId = info.privateKeyAlgorithm.algorithmId;
  const params: unknown = info.privateKeyAlgorithm.algorithmParams;
  const curve = params instanceof asn1js.ObjectIdentifier ? params.valueBlock.toString() : undefined;
  if (algorithmId === oid.ecPublicKey && curve === oid.p256) return subtle.importKey('pkcs8', der, ecdsaP256, false, ['sign']);
  if (algorithmId === oid.rsaEncryption) return subtle.importKey('pkcs8', der, rsa2048, false, ['sign']);
  throw new Error(`unsupported CA key algorithm ${algorithmId}${curve ? ` (curve ${curve})` : ''}: use ECDSA P-256 or RSA`);
}

// @orkestra/adapters/tls: CA and serving certificates with pkijs on WebCrypto, and facts read back from PEM.
export { generateCa, NOT_BEFORE_BACKDATE_MS, type GenerateCaOptions, type PemKeyPair } from './generate-ca.ts';
export { generateClientCert, type GenerateClientCertOptions } from './generate-client-cert.ts';
export { generateServingCert, type GenerateServingCertOptions } from './generate-serving-cert.ts';
export type { KeyAlgorithm } from './key-algorithm.ts';
export { CertificateReadError, readCertificate, type CertificateFacts } from './read-certificate.ts';
export { MODERN_TLS, TLS12_CIPHERS, TLS13_CIPHERS } from './tls-policy.ts';

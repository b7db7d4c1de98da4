// The TLS a webhook server offers: TLS 1.3, and TLS 1.2 with ECDHE key exchange and AEAD ciphers
// only (Mozilla's "intermediate" list, which is also what Go's crypto/tls, the API server's
// client, prefers). No CBC suites, no SHA-1 MACs, no RSA key exchange: those are what scanners
// flag (issue 12, finding 4: ECDHE-ECDSA-AES128-SHA was accepted).

/** OpenSSL names of the TLS 1.2 suites offered; TLS 1.3 suites are all AEAD and stay at their defaults. */
export const TLS12_CIPHERS: readonly string[] = [
  'ECDHE-ECDSA-AES128-GCM-SHA256', 'ECDHE-RSA-AES128-GCM-SHA256',
  'ECDHE-ECDSA-AES256-GCM-SHA384', 'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-CHACHA20-POLY1305', 'ECDHE-RSA-CHACHA20-POLY1305',
];

/** TLS 1.3 suites, named so that the `ciphers` string keeps them (a list without them disables none, but says so). */
export const TLS13_CIPHERS: readonly string[] = ['TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256'];

/** Options for tls.createSecureContext / https.createServer; repeat them on every setSecureContext. */
export const MODERN_TLS = {
  minVersion: 'TLSv1.2',
  ciphers: [...TLS13_CIPHERS, ...TLS12_CIPHERS].join(':'),
  honorCipherOrder: true,
} as const;

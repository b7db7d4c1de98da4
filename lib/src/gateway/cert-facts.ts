/** What lib knows about a certificate: plain facts read by the pki adapter, no crypto here. */
export interface CertFacts {
  /** SHA-256 of the DER, hex; identifies the certificate in bundles and logs. */
  readonly fingerprint: string;
  readonly notBeforeMs: number;
  readonly notAfterMs: number;
  /** DNS names and IP addresses of the subjectAltName extension (serving certificates). */
  readonly sans?: readonly string[];
  /** Fingerprint of the CA that signed it (serving certificates issued by the gateway). */
  readonly issuerFingerprint?: string;
}

/** How the gateway's certificates are managed (`security.certManager`, TLS_* variables). */
export interface CertRotationPolicy {
  /** Lifetime of each CA and serving certificate, in ms (`validFor`, default 2y). */
  readonly validForMs: number;
  /** Replace a certificate when it has less than this left, in ms (`rotationThreshold`, default 30d). */
  readonly rotationThresholdMs: number;
  readonly algorithm: 'ECDSA-P256' | 'RSA-2048';
  /** false: generate what is missing, never replace what expires (`autoRotate`). */
  readonly autoRotate: boolean;
  /** SANs of the serving certificate (servingSans). */
  readonly sans: readonly string[];
}

/**
 * How long a new CA must be in the published caBundle before a serving certificate it signed is
 * served: the API server picks up webhook configuration changes through an informer, typically
 * within a second; the docs say "a few seconds".
 */
export const CA_PROPAGATION_MS = 10_000;

/** New certificates start this long before now, so a peer whose clock runs behind accepts them. */
export const CLOCK_SKEW_MS = 5 * 60_000;

/** Problems with a rotation policy; empty when rotation can overlap safely. */
export function checkCertPolicy(policy: Pick<CertRotationPolicy, 'validForMs' | 'rotationThresholdMs'>): string[] {
  const problems: string[] = [];
  const { validForMs: valid, rotationThresholdMs: threshold } = policy;
  if (!(valid > 0)) problems.push('validFor must be greater than zero');
  if (!(threshold > CA_PROPAGATION_MS)) problems.push(`rotationThreshold must be longer than ${CA_PROPAGATION_MS / 1000}s, the time a new CA needs to reach the API server`);
  if (!(valid - CA_PROPAGATION_MS > threshold)) problems.push(`validFor must exceed rotationThreshold by more than ${CA_PROPAGATION_MS / 1000}s, or a new certificate would be due for rotation at once`);
  return problems;
}

/** True when a certificate name (`*.ns.svc` wildcards included, one label deep) covers `host`. */
export function sanCovers(san: string, host: string): boolean {
  const s = san.toLowerCase();
  const h = host.toLowerCase();
  if (s === h) return true;
  if (!s.startsWith('*.')) return false;
  const dot = h.indexOf('.');
  return dot > 0 && h.slice(dot) === s.slice(1);
}

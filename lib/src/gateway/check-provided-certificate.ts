import { formatDuration } from '../katalog/duration.ts';
import { sanCovers, type CertFacts } from './cert-facts.ts';

/** A finding about a certificate given with TLS_CERT/TLS_KEY; errors stop the gateway at start. */
export interface CertProblem {
  readonly type: 'expired' | 'not-yet-valid' | 'expiring' | 'missing-san';
  readonly severity: 'error' | 'warning';
  readonly message: string;
}

/**
 * Checks a user-provided serving certificate, which the gateway never replaces: it must cover
 * every name in `requiredSans` (`svc.ns.svc` in cluster, the URL's host out of cluster) and be
 * valid now; less than `warnBeforeMs` left is a warning (the expiry is also exported as a metric).
 */
export function checkProvidedCertificate(nowMs: number, cert: CertFacts, requiredSans: readonly string[], warnBeforeMs: number): CertProblem[] {
  const problems: CertProblem[] = [];
  const sans = cert.sans ?? [];
  for (const host of requiredSans) {
    if (!sans.some((s) => sanCovers(s, host))) {
      problems.push({ type: 'missing-san', severity: 'error', message: `TLS_CERT does not cover "${host}" (its SANs: ${sans.length > 0 ? sans.join(', ') : 'none'}); the API server rejects it. Reissue it with that name as a subjectAltName.` });
    }
  }
  if (nowMs >= cert.notAfterMs) {
    problems.push({ type: 'expired', severity: 'error', message: `TLS_CERT expired ${formatDuration(nowMs - cert.notAfterMs)} ago; replace it (the gateway never rotates a certificate it was given).` });
  } else if (nowMs < cert.notBeforeMs) {
    problems.push({ type: 'not-yet-valid', severity: 'error', message: `TLS_CERT is valid only in ${formatDuration(cert.notBeforeMs - nowMs)}; check the clocks.` });
  } else if (cert.notAfterMs - nowMs <= warnBeforeMs) {
    problems.push({ type: 'expiring', severity: 'warning', message: `TLS_CERT expires in ${formatDuration(cert.notAfterMs - nowMs)}; replace it before then (the gateway never rotates a certificate it was given).` });
  }
  return problems;
}

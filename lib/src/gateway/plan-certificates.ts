import { CA_PROPAGATION_MS, CLOCK_SKEW_MS, type CertFacts, type CertRotationPolicy } from './cert-facts.ts';

/** The certificates as observed now: the Secret's CA and serving certificate, the published bundle. */
export interface CertState {
  /** The signing CA (its key is in the Secret). */
  readonly ca?: CertFacts;
  readonly serving?: CertFacts;
  /** The CAs of the caBundle published in the webhook configurations, in bundle order. */
  readonly caBundle: readonly CertFacts[];
  /** When the published caBundle last changed (epoch ms); absent when unknown. */
  readonly caBundleChangedMs?: number;
}

/** One step of a certificate pass; the adapter executes them in order, then plans again. */
export type CertAction =
  | { readonly type: 'generate-ca'; readonly reason: 'missing' | 'expiring'; readonly algorithm: CertRotationPolicy['algorithm']; readonly notBeforeMs: number; readonly notAfterMs: number }
  /** Publish `keep` (existing CAs, by fingerprint, in order) plus the CA generated in this pass when `addNewCa`. */
  | { readonly type: 'set-ca-bundle'; readonly reason: 'new-ca' | 'drop-expired' | 'ca-not-published'; readonly keep: readonly string[]; readonly addNewCa: boolean }
  | { readonly type: 'issue-serving'; readonly reason: 'missing' | 'expiring' | 'new-ca' | 'sans-changed'; readonly algorithm: CertRotationPolicy['algorithm']; readonly notBeforeMs: number; readonly notAfterMs: number; readonly sans: readonly string[] };

/** The actions of this pass and when to plan again (epoch ms). */
export interface CertPlan {
  readonly actions: readonly CertAction[];
  readonly recheckAtMs: number;
}

/**
 * Plans a certificate pass (spec/gateway.md §5). Each rotation makes a new CA and a serving
 * certificate signed by it; the new CA joins the published caBundle first, and the serving
 * certificate switches only after the bundle has been published for CA_PROPAGATION_MS, so a
 * replica still serving the old certificate is trusted throughout. A CA leaves the bundle when it
 * expires, which is never before the serving certificates it signed (those are capped at its notAfter).
 */
export function planCertificates(nowMs: number, state: CertState, policy: CertRotationPolicy): CertPlan {
  const actions: CertAction[] = [];
  const threshold = policy.rotationThresholdMs;
  const due = (c: CertFacts): boolean => nowMs >= c.notAfterMs || (policy.autoRotate && nowMs >= c.notAfterMs - threshold);
  const start = nowMs - CLOCK_SKEW_MS;

  let caNotAfterMs = state.ca?.notAfterMs ?? 0;
  const newCa = !state.ca || due(state.ca);
  if (newCa) {
    caNotAfterMs = nowMs + policy.validForMs;
    actions.push({ type: 'generate-ca', reason: state.ca ? 'expiring' : 'missing', algorithm: policy.algorithm, notBeforeMs: start, notAfterMs: caNotAfterMs });
  }

  const published = state.caBundle.map((c) => c.fingerprint);
  const kept = state.caBundle.filter((c) => c.notAfterMs > nowMs);
  const caUnpublished = !newCa && state.ca !== undefined && !published.includes(state.ca.fingerprint);
  if (caUnpublished) kept.push(state.ca!);
  const keep = kept.map((c) => c.fingerprint);
  const bundleChanges = newCa || keep.join() !== published.join();
  if (bundleChanges) {
    actions.push({ type: 'set-ca-bundle', reason: newCa ? 'new-ca' : caUnpublished ? 'ca-not-published' : 'drop-expired', keep, addNewCa: newCa });
  }

  const serving = state.serving;
  const reason: Extract<CertAction, { type: 'issue-serving' }>['reason'] | undefined =
    !serving ? 'missing'
    : newCa || serving.issuerFingerprint !== state.ca?.fingerprint ? 'new-ca'
    : due(serving) ? 'expiring'
    : !sameSet(serving.sans ?? [], policy.sans) ? 'sans-changed'
    : undefined;
  const recheck: number[] = kept.map((c) => c.notAfterMs);
  let servingNotAfterMs = serving?.notAfterMs;
  if (reason) {
    // With nothing served (first start, Secret lost) or an expired certificate, there is nothing to
    // overlap with: issue at once. Otherwise wait until the signing CA has reached the API server
    // (an unknown publication time counts as long ago, or a restarted gateway would wait forever).
    const caSettledMs = bundleChanges ? nowMs + CA_PROPAGATION_MS : (state.caBundleChangedMs ?? nowMs - CA_PROPAGATION_MS) + CA_PROPAGATION_MS;
    const mustWait = serving !== undefined && nowMs < serving.notAfterMs && caSettledMs > nowMs;
    if (mustWait) {
      recheck.push(caSettledMs);
    } else {
      servingNotAfterMs = Math.min(nowMs + policy.validForMs, caNotAfterMs);
      actions.push({ type: 'issue-serving', reason, algorithm: policy.algorithm, notBeforeMs: start, notAfterMs: servingNotAfterMs, sans: [...policy.sans] });
    }
  }
  if (policy.autoRotate) {
    recheck.push(caNotAfterMs - threshold);
    if (servingNotAfterMs !== undefined) recheck.push(servingNotAfterMs - threshold);
  }
  const future = recheck.filter((t) => t > nowMs);
  return { actions, recheckAtMs: future.length > 0 ? Math.min(...future) : nowMs + policy.validForMs };
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const sa = new Set(a);
  return sa.size === new Set(b).size && b.every((x) => sa.has(x));
}

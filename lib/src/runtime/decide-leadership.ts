import { canonicalJson } from './fingerprint.ts';
import { formatMicroTime } from './format-time.ts';

/** Timing of leader election, in ms; client-go and controller-runtime default to 15 s, 10 s, 2 s. */
export interface LeaderElectionConfig {
  readonly leaseDurationMs: number;
  readonly renewDeadlineMs: number;
  readonly retryPeriodMs: number;
}

/** client-go's JitterFactor: candidates wait retryPeriod × (1 + 1.2 × random) between tries. */
export const LEADER_JITTER_FACTOR = 1.2;

/** The Lease name the runtime elects on (spec/rbac.md restricts get/update to it). */
export const RUNTIME_LEASE_NAME = 'orkestra-runtime';

/** The spec of a `coordination.k8s.io/v1` Lease as read; every field may be missing. */
export interface ObservedLease {
  readonly holderIdentity?: string;
  readonly leaseDurationSeconds?: number;
  readonly acquireTime?: string;
  readonly renewTime?: string;
  readonly leaseTransitions?: number;
  /** Opaque; sent back on update so a concurrent writer makes ours fail with a conflict. */
  readonly resourceVersion?: string;
}

/** The Lease spec to write; times are MicroTime (six fractional digits). */
export interface LeaseSpec {
  readonly holderIdentity: string;
  readonly leaseDurationSeconds: number;
  readonly acquireTime: string;
  readonly renewTime: string;
  readonly leaseTransitions: number;
}

/** Everything one leader-election decision looks at. */
export interface LeadershipInput {
  readonly identity: string;
  readonly nowMs: number;
  readonly config: LeaderElectionConfig;
  /** The Lease as just read; undefined when it does not exist. */
  readonly lease: ObservedLease | undefined;
  /** When this process first saw the Lease as it is now, on its own clock (see trackLease). */
  readonly observedChangeMs: number;
  /** When this process last renewed successfully; present only while it leads. */
  readonly lastRenewMs?: number;
  /** True on graceful shutdown, after all leader-only work has stopped. */
  readonly releasing?: boolean;
  /** Injected randomness in [0, 1) for the candidates' retry jitter. */
  readonly jitter?: number;
}

/** What to do with the Lease now, and when to decide again (epoch ms). */
export type LeadershipDecision =
  | { readonly type: 'acquire'; readonly write: 'create' | 'update'; readonly lease: LeaseSpec; readonly resourceVersion?: string; readonly nextCheckMs: number }
  | { readonly type: 'renew'; readonly lease: LeaseSpec; readonly resourceVersion?: string; readonly nextCheckMs: number }
  | { readonly type: 'release'; readonly lease: LeaseSpec; readonly resourceVersion?: string }
  /** Stop all leader-only work now: renewal failed for renewDeadline, or another holder took over. */
  | { readonly type: 'step-down'; readonly reason: 'renew-deadline' | 'lost-lease'; readonly nextCheckMs: number }
  | { readonly type: 'wait'; readonly nextCheckMs: number };

/** Problems with a leader-election config (client-go's checks); empty when it is usable. */
export function checkLeaderElectionConfig(config: LeaderElectionConfig): string[] {
  const problems: string[] = [];
  const { leaseDurationMs: lease, renewDeadlineMs: renew, retryPeriodMs: retry } = config;
  if (!(retry > 0)) problems.push('retryPeriod must be greater than zero');
  if (!(lease > renew)) problems.push('leaseDuration must be greater than renewDeadline');
  if (!(renew > retry * LEADER_JITTER_FACTOR)) problems.push(`renewDeadline must be greater than retryPeriod × ${LEADER_JITTER_FACTOR}`);
  return problems;
}

/**
 * Records when the Lease was last seen to change, on this process's clock: a candidate may take
 * over only after a full lease duration without change, because the times written in the Lease
 * come from other nodes' clocks and comparing them would depend on clock skew.
 */
export function trackLease(previous: { readonly fingerprint: string; readonly observedChangeMs: number } | undefined,
                           lease: ObservedLease | undefined, nowMs: number): { fingerprint: string; observedChangeMs: number } {
  const fingerprint = lease === undefined ? '' : canonicalJson({ ...lease, resourceVersion: undefined });
  return previous && previous.fingerprint === fingerprint ? { fingerprint, observedChangeMs: previous.observedChangeMs } : { fingerprint, observedChangeMs: nowMs };
}

/** client-go's tryAcquireOrRenew as a pure decision, plus the renew deadline and release on shutdown. */
export function decideLeadership(input: LeadershipInput): LeadershipDecision {
  const { identity, nowMs, config, lease } = input;
  const holder = lease?.holderIdentity ?? '';
  const rv = lease?.resourceVersion !== undefined ? { resourceVersion: lease.resourceVersion } : {};
  const leading = input.lastRenewMs !== undefined;
  if (input.releasing) {
    if (holder !== identity || !lease) return { type: 'wait', nextCheckMs: nowMs + config.retryPeriodMs };
    const now = formatMicroTime(nowMs);
    // An empty holder with a 1 s lease lets the next candidate take over at its next try.
    return { type: 'release', lease: { holderIdentity: '', leaseDurationSeconds: 1, acquireTime: now, renewTime: now, leaseTransitions: lease.leaseTransitions ?? 0 }, ...rv };
  }
  if (leading && lease && holder !== identity) return { type: 'step-down', reason: 'lost-lease', nextCheckMs: candidateRetry(input) };
  if (leading && nowMs - input.lastRenewMs! >= config.renewDeadlineMs) return { type: 'step-down', reason: 'renew-deadline', nextCheckMs: candidateRetry(input) };

  const durationSeconds = Math.ceil(config.leaseDurationMs / 1000);
  const now = formatMicroTime(nowMs);
  if (!lease) {
    return { type: 'acquire', write: 'create', lease: { holderIdentity: identity, leaseDurationSeconds: durationSeconds, acquireTime: now, renewTime: now, leaseTransitions: 0 }, nextCheckMs: nowMs + config.retryPeriodMs };
  }
  const transitions = lease.leaseTransitions ?? 0;
  if (holder === identity) {
    return {
      type: 'renew',
      lease: { holderIdentity: identity, leaseDurationSeconds: durationSeconds, acquireTime: lease.acquireTime ?? now, renewTime: now, leaseTransitions: transitions },
      ...rv,
      nextCheckMs: nowMs + config.retryPeriodMs,
    };
  }
  // The holder's own stated duration counts, measured from when we saw the record change.
  const heldForMs = (lease.leaseDurationSeconds ?? durationSeconds) * 1000;
  // Watching a live holder: look every retryPeriod, without jitter, so a renewal is seen at most one
  // period late, and look again exactly when the lease would expire. A crashed leader is then
  // replaced at most leaseDuration + retryPeriod after its last renewal (spec/runtime.md §4).
  const expiresMs = input.observedChangeMs + heldForMs;
  if (holder !== '' && expiresMs > nowMs) return { type: 'wait', nextCheckMs: Math.min(nowMs + config.retryPeriodMs, expiresMs) };
  return {
    type: 'acquire',
    write: 'update',
    lease: { holderIdentity: identity, leaseDurationSeconds: durationSeconds, acquireTime: now, renewTime: now, leaseTransitions: transitions + 1 },
    ...rv,
    nextCheckMs: nowMs + config.retryPeriodMs,
  };
}

function candidateRetry(input: LeadershipInput): number {
  const jitter = Math.min(Math.max(input.jitter ?? 0, 0), 1);
  return input.nowMs + Math.round(input.config.retryPeriodMs * (1 + LEADER_JITTER_FACTOR * jitter));
}

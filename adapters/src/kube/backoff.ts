import type { Clock, Entropy } from '@orkestra/lib/ports';

/** Exponential backoff with jitter: delays grow from `initialMs` by `factor` up to `maxMs`. */
export interface BackoffPolicy {
  readonly initialMs: number;
  readonly maxMs: number;
  readonly factor: number;
  /** Each delay is stretched by up to this fraction (0.5: up to +50 %), still capped at `maxMs`. */
  readonly jitter: number;
  /** A failure this long after the previous one starts again from `initialMs` (the loop was healthy). */
  readonly resetAfterMs: number;
}

/** client-go's reflector backoff: 800 ms doubling to 30 s, reset after 2 min without failure. */
export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 800, maxMs: 30_000, factor: 2, jitter: 0.5, resetAfterMs: 120_000 };

/** Hands out the delay before each retry. */
export interface Backoff {
  /** The delay in ms before the next attempt, after a failure now. */
  next(): number;
}

/** Creates a backoff that reads time from `clock` and jitter from `entropy`. */
export function createBackoff(policy: BackoffPolicy, clock: Clock, entropy: Entropy): Backoff {
  let attempt = 0;
  let lastFailureMs: number | undefined;
  return {
    next() {
      const now = clock.now();
      if (lastFailureMs !== undefined && now - lastFailureMs > policy.resetAfterMs) attempt = 0;
      lastFailureMs = now;
      const base = Math.min(policy.maxMs, policy.initialMs * policy.factor ** attempt);
      attempt++;
      return Math.round(Math.min(policy.maxMs, base * (1 + policy.jitter * entropy.float())));
    },
  };
}

import type { HealthState } from '@orkestra/lib/runtime';

// A Record keyed by the union makes the compiler reject a missing or stale state when lib's
// HealthState changes, which a plain array literal would not.
const STATES: Record<HealthState, true> = {
  'not-started': true,
  'waiting-for-crd': true,
  'waiting-for-dependency': true,
  pending: true,
  healthy: true,
  degraded: true,
};

/** Every CRD health state, so `orkestra_crd_health` can publish 0 for the states a CRD is not in. */
export const HEALTH_STATES = Object.keys(STATES) as readonly HealthState[];

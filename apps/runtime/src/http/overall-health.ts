import { overallHttpStatus, type HealthState } from '@orkestra/lib/runtime';
import type { OverallStatus } from './responses.ts';

/** The runtime's overall status and `/health` code from its enabled CRDs' states and readiness. */
export function overallHealth(states: readonly HealthState[], ready: boolean): { status: OverallStatus; httpStatus: 200 | 503 } {
  const httpStatus = overallHttpStatus(states);
  if (httpStatus === 503) return { status: 'degraded', httpStatus };
  // Before the Katalog loads there may be no CRD to fail, yet nothing runs: pending, not healthy.
  const pending = !ready || states.some((s) => s === 'pending');
  return { status: pending ? 'pending' : 'healthy', httpStatus };
}

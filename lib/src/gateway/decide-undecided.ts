import type { AdmissionDecision } from './admission-decision.ts';
import type { AdmissionBudget, UndecidedReason } from './admission-budget.ts';

/** Which protection could not decide, as messages name it. */
export type ProtectionName = 'deletion protection' | 'namespace protection' | 'validation rules' | 'mutation rules';

/**
 * The answer to a review the gateway could not decide: what the API server would do with its
 * failurePolicy had the call failed, but said out loud. `Fail` denies with 429 (the caller may
 * retry; `kubectl drain` does); `Ignore` allows with a warning to the caller. Both carry the
 * audit annotation `undecided: <reason>` and the app logs and counts them, so nothing fails open
 * silently (spec/gateway.md §1).
 */
export function decideUndecided(failurePolicy: 'Fail' | 'Ignore', protection: ProtectionName, reason: UndecidedReason, detail: string): AdmissionDecision {
  const auditAnnotations = { undecided: reason };
  if (failurePolicy === 'Ignore') {
    return { allowed: true, rule: 'undecided', warnings: [`${protection} did not check this request: ${detail}; allowed because its failurePolicy is Ignore`], auditAnnotations };
  }
  return {
    allowed: false, rule: 'undecided', warnings: [], auditAnnotations,
    status: { code: 429, reason: 'TooManyRequests', message: `${protection} could not check this request: ${detail}; denied because its failurePolicy is Fail. Retry in a moment.` },
  };
}

/** The words for a reason decided by the webhook server's budget (not `lookup-failed`, which names its object). */
export function describeUndecided(reason: Exclude<UndecidedReason, 'lookup-failed'>, budget: AdmissionBudget): string {
  switch (reason) {
    case 'budget': return `the gateway did not decide within ${budget.answerWithinMs} ms (it is overloaded)`;
    case 'busy': return `the gateway is busy reading other large reviews (${mib(budget.largeBytesInFlight)} in flight)`;
    case 'too-large': return `the review is larger than ${mib(budget.maxBodyBytes)}`;
  }
}

function mib(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MiB`;
}

import { renderAdmissionResponse, renderRequestProblems, type AdmissionDecision, type AdmissionReviewResponse } from './admission-decision.ts';
import type { AdmissionBudget, UndecidedReason } from './admission-budget.ts';
import { parseAdmissionReview, readAdmissionReview, type AdmissionRequest, type ReadReview, type RequestProblem } from './admission-request.ts';
import { decideUndecided, describeUndecided, type ProtectionName } from './decide-undecided.ts';

/** The HTTP answer to one webhook call, plus what the gateway logs and counts. */
export type AdmissionAnswer =
  | { readonly type: 'decided'; readonly httpStatus: 200; readonly body: AdmissionReviewResponse; readonly request: AdmissionRequest; readonly decision: AdmissionDecision }
  | { readonly type: 'invalid'; readonly httpStatus: 400; readonly body: ReturnType<typeof renderRequestProblems>; readonly problems: readonly RequestProblem[] }
  /** Not decided, answered by failurePolicy (decideUndecided). */
  | { readonly type: 'undecided'; readonly httpStatus: 200; readonly body: AdmissionReviewResponse; readonly uid: string; readonly reason: UndecidedReason; readonly decision: AdmissionDecision }
  /**
   * Not decided, and no uid to answer with (the body's beginning did not name one): an HTTP error,
   * on which the API server applies failurePolicy itself.
   */
  | { readonly type: 'unanswerable'; readonly httpStatus: 413 | 503; readonly body: { readonly error: 'body-too-large' | 'busy'; readonly message: string }; readonly reason: UndecidedReason };

/**
 * Answers a raw AdmissionReview body with one decision function: 200 and the response review, or
 * 400 and the problems for a body that is not JSON or not a v1 review. Never throws, so a
 * malformed body costs a log line, never the gateway itself.
 */
export function answerAdmissionReview(text: string, decide: (request: AdmissionRequest) => AdmissionDecision): AdmissionAnswer {
  return answerRead(readAdmissionReview(text), decide);
}

/** answerAdmissionReview for a body the webhook server already parsed (or reduced, see spec/gateway.md §1). */
export function answerParsedReview(body: unknown, decide: (request: AdmissionRequest) => AdmissionDecision): AdmissionAnswer {
  return answerRead(parseAdmissionReview(body), decide);
}

/** The 400 answer for a body that is not JSON (or that the webhook server refused to reduce), with its reason. */
export function answerUnreadable(message: string): AdmissionAnswer {
  const problems = [{ path: '', message }];
  return { type: 'invalid', httpStatus: 400, body: renderRequestProblems(problems), problems };
}

/** The answer for a parsed request with its decision. */
export function answerDecided(request: AdmissionRequest, decision: AdmissionDecision): AdmissionAnswer {
  return { type: 'decided', httpStatus: 200, body: renderAdmissionResponse(request.uid, decision), request, decision };
}

/**
 * The answer to a review the webhook server could not decide (budget, busy, too large): by
 * failurePolicy when the body's beginning gave its uid, else an HTTP 413 or 503.
 */
export function answerUndecided(uid: string | undefined, reason: Exclude<UndecidedReason, 'lookup-failed'>, failurePolicy: 'Fail' | 'Ignore',
                                protection: ProtectionName, budget: AdmissionBudget): AdmissionAnswer {
  const detail = describeUndecided(reason, budget);
  if (uid === undefined || uid === '') {
    return reason === 'too-large'
      ? { type: 'unanswerable', httpStatus: 413, body: { error: 'body-too-large', message: detail }, reason }
      : { type: 'unanswerable', httpStatus: 503, body: { error: 'busy', message: detail }, reason };
  }
  const decision = decideUndecided(failurePolicy, protection, reason, detail);
  return { type: 'undecided', httpStatus: 200, body: renderAdmissionResponse(uid, decision), uid, reason, decision };
}

function answerRead(read: ReadReview, decide: (request: AdmissionRequest) => AdmissionDecision): AdmissionAnswer {
  if (read.type === 'invalid') return { type: 'invalid', httpStatus: 400, body: renderRequestProblems(read.problems), problems: read.problems };
  return answerDecided(read.request, decide(read.request));
}

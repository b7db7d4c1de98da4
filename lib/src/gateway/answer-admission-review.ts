import { renderAdmissionResponse, renderRequestProblems, type AdmissionDecision, type AdmissionReviewResponse } from './admission-decision.ts';
import { readAdmissionReview, type AdmissionRequest, type RequestProblem } from './admission-request.ts';
import { MAX_ADMISSION_REVIEW_BYTES } from './names.ts';

/** The HTTP answer to one webhook call, plus what the gateway logs and counts. */
export type AdmissionAnswer =
  | { readonly type: 'decided'; readonly httpStatus: 200; readonly body: AdmissionReviewResponse; readonly request: AdmissionRequest; readonly decision: AdmissionDecision }
  | { readonly type: 'invalid'; readonly httpStatus: 400; readonly body: ReturnType<typeof renderRequestProblems>; readonly problems: readonly RequestProblem[] };

/**
 * Answers a raw AdmissionReview body with one decision function: 200 and the response review, or
 * 400 and the problems for a body that is too large, not JSON, or not a v1 review. Never throws,
 * so a malformed body costs a log line, never the gateway itself.
 */
export function answerAdmissionReview(text: string, decide: (request: AdmissionRequest) => AdmissionDecision,
                                      maxBytes: number = MAX_ADMISSION_REVIEW_BYTES): AdmissionAnswer {
  const read = readAdmissionReview(text, maxBytes);
  if (read.type === 'invalid') return { type: 'invalid', httpStatus: 400, body: renderRequestProblems(read.problems), problems: read.problems };
  const decision = decide(read.request);
  return { type: 'decided', httpStatus: 200, body: renderAdmissionResponse(read.request.uid, decision), request: read.request, decision };
}

import * as v from 'valibot';

// Strict about the types of the fields we read, tolerant of every other field: the API server
// adds fields across versions (requestKind, requestSubResource...) and must not break us.
const str = v.string();
// valibot's object schemas accept arrays (typeof [] is 'object'); a review never carries one there.
const notArray = v.custom<unknown>((x) => !Array.isArray(x), 'expected Object, got Array');
const obj = <const T extends v.ObjectEntries>(entries: T) => v.pipe(notArray, v.object(entries));
const looseObj = <const T extends v.ObjectEntries>(entries: T) => v.pipe(notArray, v.looseObject(entries));
const labels = v.record(v.string(), v.string());
const kubeObject = looseObj({
  apiVersion: v.optional(str),
  kind: v.optional(str),
  metadata: v.optional(looseObj({
    name: v.optional(str),
    namespace: v.optional(str),
    labels: v.optional(v.nullable(labels)),
  })),
});

const requestSchema = obj({
  uid: v.pipe(str, v.minLength(1, 'must not be empty')),
  kind: obj({ group: str, version: str, kind: str }),
  resource: obj({ group: str, version: str, resource: str }),
  subResource: v.optional(str),
  name: v.optional(str),
  namespace: v.optional(str),
  operation: v.picklist(['CREATE', 'UPDATE', 'DELETE', 'CONNECT']),
  userInfo: obj({
    username: v.optional(str),
    uid: v.optional(str),
    groups: v.optional(v.nullable(v.array(str))),
    extra: v.optional(v.nullable(v.record(v.string(), v.array(str)))),
  }),
  object: v.optional(v.nullable(kubeObject)),
  oldObject: v.optional(v.nullable(kubeObject)),
  dryRun: v.optional(v.boolean()),
  options: v.optional(v.nullable(looseObj({}))),
});

const reviewSchema = obj({
  apiVersion: v.literal('admission.k8s.io/v1'),
  kind: v.literal('AdmissionReview'),
  request: requestSchema,
});

/** An object as carried in a review: only the fields the decisions read are typed. */
export type ReviewObject = v.InferOutput<typeof kubeObject>;

/** The parts of an AdmissionReview v1 request the gateway reads. */
export type AdmissionRequest = v.InferOutput<typeof requestSchema>;

/** One reason a body is not an AdmissionReview we can decide on (answered with HTTP 400). */
export interface RequestProblem {
  /** Dotted path inside the body (`request.userInfo.groups.0`), empty for the whole body. */
  readonly path: string;
  readonly message: string;
}

/** A validated request, or the problems that make the body unusable. */
export type ReadReview =
  | { readonly type: 'ok'; readonly request: AdmissionRequest }
  | { readonly type: 'invalid'; readonly problems: readonly RequestProblem[] };

/** Validates parsed JSON as an AdmissionReview v1 request; extra fields are ignored. */
export function parseAdmissionReview(body: unknown): ReadReview {
  const result = v.safeParse(reviewSchema, body);
  if (result.success) return { type: 'ok', request: result.output.request };
  const problems = result.issues.map((issue) => ({
    path: v.getDotPath(issue) ?? '',
    message: describe(issue),
  }));
  return { type: 'invalid', problems };
}

/**
 * Reads a raw body: JSON syntax, then parseAdmissionReview. Never throws. The size limit is the
 * webhook server's, counted in bytes as the body arrives (ADMISSION_BUDGET.maxBodyBytes): a
 * string here has already passed it, and measuring it again would mean encoding it once more.
 */
export function readAdmissionReview(text: string): ReadReview {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    // The engine's parser message differs between Node versions; keep the answer stable.
    return { type: 'invalid', problems: [{ path: '', message: 'body is not valid JSON' }] };
  }
  return parseAdmissionReview(body);
}

function describe(issue: v.BaseIssue<unknown>): string {
  if (issue.received === 'undefined') return 'missing';
  if (issue.type === 'min_length' || issue.type === 'custom') return issue.message;
  return `expected ${issue.expected ?? 'a different value'}, got ${issue.received}`;
}

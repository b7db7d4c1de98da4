import type { AdmissionRequest, RequestProblem } from './admission-request.ts';

/** The rule that decided a request; `none` when no rule applied and the request is allowed. */
export type AdmissionRule =
  | 'none'
  | 'gateway-namespace'
  | 'protection-label'
  | 'protected-crd'
  | 'protected-custom-resource'
  | 'missing-old-object'
  | 'strict-mode'
  | 'strict-mode-exempt'
  | 'restricted-namespace-delete'
  | 'restricted-namespace-create'
  | 'namespace-not-allowed'
  | 'restricted-namespace-write'
  | 'system-identity'
  /** Not decided (out of time, too busy, a needed read failed): answered as the webhook's failurePolicy says. */
  | 'undecided';

/** Why a request is refused: by a protection (403), or because it could not be decided and the policy fails closed (429, retry). */
export type DenialStatus =
  | { readonly code: 403; readonly reason: 'Forbidden'; readonly message: string }
  | { readonly code: 429; readonly reason: 'TooManyRequests'; readonly message: string };

/**
 * The answer to one AdmissionReview: denials always carry a status and a message.
 * `auditAnnotations` land in the API server's audit log, prefixed with the webhook's name.
 */
export type AdmissionDecision =
  | { readonly allowed: true; readonly rule: AdmissionRule; readonly warnings: readonly string[]; readonly auditAnnotations?: Readonly<Record<string, string>> }
  | {
    readonly allowed: false;
    readonly rule: AdmissionRule;
    readonly status: DenialStatus;
    readonly warnings: readonly string[];
    readonly auditAnnotations?: Readonly<Record<string, string>>;
  };

/** Allows, naming the rule that let the request through. */
export function allow(rule: AdmissionRule, warnings: readonly string[] = []): AdmissionDecision {
  return { allowed: true, rule, warnings };
}

/** Denies with 403 Forbidden and a message that says what, by which rule, and how to unlock. */
export function deny(rule: AdmissionRule, message: string, warnings: readonly string[] = []): AdmissionDecision {
  return { allowed: false, rule, status: { code: 403, reason: 'Forbidden', message }, warnings };
}

/** An AdmissionReview v1 response as sent back to the API server. */
export interface AdmissionReviewResponse {
  readonly apiVersion: 'admission.k8s.io/v1';
  readonly kind: 'AdmissionReview';
  readonly response: {
    readonly uid: string;
    readonly allowed: boolean;
    readonly status?: { readonly code: number; readonly reason: string; readonly message: string };
    readonly warnings?: readonly string[];
    readonly auditAnnotations?: Readonly<Record<string, string>>;
  };
}

/** Builds the response review; `uid` must echo `request.uid`. Empty warnings and absent annotations are left out. */
export function renderAdmissionResponse(uid: string, decision: AdmissionDecision): AdmissionReviewResponse {
  return {
    apiVersion: 'admission.k8s.io/v1',
    kind: 'AdmissionReview',
    response: {
      uid,
      allowed: decision.allowed,
      ...(decision.allowed ? {} : { status: decision.status }),
      ...(decision.warnings.length > 0 ? { warnings: decision.warnings } : {}),
      ...(decision.auditAnnotations !== undefined ? { auditAnnotations: decision.auditAnnotations } : {}),
    },
  };
}

/** The JSON body of a 400 answer to a malformed review (the API server then applies failurePolicy). */
export function renderRequestProblems(problems: readonly RequestProblem[]): { readonly error: 'invalid AdmissionReview'; readonly problems: readonly RequestProblem[] } {
  return { error: 'invalid AdmissionReview', problems };
}

/**
 * The namespace a request's object lives in. A Namespace lives in none, though the API server puts
 * its own name in `request.namespace` for requests on it (its status and finalize subresources).
 */
function objectNamespace(request: AdmissionRequest): string | undefined {
  return request.resource.group === '' && request.resource.resource === 'namespaces' ? undefined : request.namespace;
}

/** How a request names its object for people: `ConfigMap "web" in namespace "team-a"`. */
export function describeTarget(request: AdmissionRequest): string {
  const name = request.name ? `"${request.name}"` : '(collection)';
  const ns = objectNamespace(request);
  return `${request.kind.kind} ${name}${ns ? ` in namespace "${ns}"` : ''}`;
}

/** The kubectl spelling of the request's target: `configmap web -n team-a`, `deployments.apps web -n team-a`. */
export function kubectlTarget(request: AdmissionRequest): string {
  const r = request.resource;
  const type = r.group === '' ? r.resource : `${r.resource}.${r.group}`;
  const ns = objectNamespace(request);
  return `${type} ${request.name ?? '<name>'}${ns ? ` -n ${ns}` : ''}`;
}

/** The value of a label on the request's new (`object`) or old (`oldObject`) object. */
export function labelOf(request: AdmissionRequest, which: 'object' | 'oldObject', label: string): string | undefined {
  return request[which]?.metadata?.labels?.[label];
}

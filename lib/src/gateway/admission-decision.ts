import type { AdmissionRequest, RequestProblem } from './admission-request.ts';
import type { PatchOperation } from '../admission/json-patch.ts';
import { base64Encode } from '../util/base64.ts';
import { utf8Encode } from '../util/utf8.ts';

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
  | 'undecided'
  // Issue 15: the Katalog's validation and mutation rules.
  /** Denied by broken deny rules, or allowed with the warnings of broken warn rules. */
  | 'validation-rules'
  /** Allowed with a JSON Patch. */
  | 'mutation-rules'
  /** A resource the Katalog has no rules for (an old configuration may still send it). */
  | 'not-katalog';

/** Why a request is refused: by a protection (403), or because it could not be decided and the policy fails closed (429, retry). */
export type DenialStatus =
  | { readonly code: 403; readonly reason: 'Forbidden'; readonly message: string; readonly details?: DenialDetails }
  | { readonly code: 429; readonly reason: 'TooManyRequests'; readonly message: string };

/** metav1.StatusDetails of a denial by rules: one cause per broken field (`kubectl` and clients read them as data). */
export interface DenialDetails {
  readonly name?: string;
  readonly group: string;
  readonly kind: string;
  readonly causes: readonly { readonly reason: 'FieldValueInvalid'; readonly message: string; readonly field: string }[];
}

/**
 * The answer to one AdmissionReview: denials always carry a status and a message.
 * `auditAnnotations` land in the API server's audit log, prefixed with the webhook's name.
 */
export type AdmissionDecision =
  | {
    readonly allowed: true;
    readonly rule: AdmissionRule;
    readonly warnings: readonly string[];
    readonly auditAnnotations?: Readonly<Record<string, string>>;
    /** The mutating webhook's JSON Patch (issue 15); absent or empty means no change. */
    readonly patch?: readonly PatchOperation[];
  }
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
    readonly status?: { readonly code: number; readonly reason: string; readonly message: string; readonly details?: DenialDetails };
    readonly patchType?: 'JSONPatch';
    /** Base64 of the JSON Patch. */
    readonly patch?: string;
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
      ...(decision.allowed && decision.patch !== undefined && decision.patch.length > 0
        ? { patchType: 'JSONPatch' as const, patch: base64Encode(utf8Encode(JSON.stringify(decision.patch))) } : {}),
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

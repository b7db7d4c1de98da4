import type { LabelSelector, RuleWithOperations } from '../gateway/webhook-config.ts';

/** One entry of `matchConstraints.resourceRules` (a webhook rule plus optional names). */
export interface NamedRuleWithOperations extends RuleWithOperations {
  readonly resourceNames?: readonly string[];
}

/** One check of a policy: `expression` must hold, or the request gets `message` (or `messageExpression`'s text). */
export interface PolicyValidation {
  readonly expression: string;
  readonly message: string;
  readonly messageExpression?: string;
  /** Forbidden answers 403, as the gateway's denials do (the API server's default, Invalid, is 422). */
  readonly reason: 'Forbidden';
}

/** An `admissionregistration.k8s.io/v1` ValidatingAdmissionPolicy as policy mode plans it. */
export interface ValidatingAdmissionPolicy {
  readonly apiVersion: 'admissionregistration.k8s.io/v1';
  readonly kind: 'ValidatingAdmissionPolicy';
  readonly metadata: { readonly name: string; readonly labels: Readonly<Record<string, string>> };
  readonly spec: {
    readonly failurePolicy: 'Fail' | 'Ignore';
    /** Evictions: the protected Pods of the request's namespace are the parameters (spec/gateway.md §8). */
    readonly paramKind?: { readonly apiVersion: string; readonly kind: string };
    readonly matchConstraints: {
      readonly resourceRules: readonly NamedRuleWithOperations[];
      readonly objectSelector: LabelSelector;
      readonly namespaceSelector: LabelSelector;
      readonly matchPolicy: 'Equivalent';
    };
    readonly matchConditions?: readonly { readonly name: string; readonly expression: string }[];
    readonly variables?: readonly { readonly name: string; readonly expression: string }[];
    readonly validations: readonly PolicyValidation[];
  };
}

/** The binding that puts a policy in force, cluster-wide, denying (or only warning). */
export interface ValidatingAdmissionPolicyBinding {
  readonly apiVersion: 'admissionregistration.k8s.io/v1';
  readonly kind: 'ValidatingAdmissionPolicyBinding';
  readonly metadata: { readonly name: string; readonly labels: Readonly<Record<string, string>> };
  readonly spec: {
    readonly policyName: string;
    readonly validationActions: readonly ['Deny'] | readonly ['Warn'];
    readonly paramRef?: { readonly selector: LabelSelector; readonly parameterNotFoundAction: 'Allow' | 'Deny' };
  };
}

/** A policy, its binding, and what it stands for in spec/gateway.md. */
export interface PlannedPolicy {
  readonly policy: ValidatingAdmissionPolicy;
  readonly binding: ValidatingAdmissionPolicyBinding;
  /** The webhook (and its decision rules) this policy replaces, for `validate --full`. */
  readonly replaces: string;
}

/**
 * Labels on every policy and binding. managed-by is `ork`: they are bundle objects, applied by
 * kubectl or GitOps; no Orkestra process writes them.
 */
export const POLICY_LABELS: Readonly<Record<string, string>> = {
  'app.kubernetes.io/component': 'admission-policy',
  'app.kubernetes.io/managed-by': 'ork',
  'app.kubernetes.io/name': 'orkestra',
  'app.kubernetes.io/part-of': 'orkestra',
};

/** A policy and its binding of the same name. */
export function planned(name: string, spec: ValidatingAdmissionPolicy['spec'], action: 'Deny' | 'Warn', replaces: string,
                        paramRef?: ValidatingAdmissionPolicyBinding['spec']['paramRef']): PlannedPolicy {
  const metadata = { name, labels: POLICY_LABELS };
  return {
    policy: { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicy', metadata, spec },
    binding: {
      apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicyBinding', metadata,
      spec: { policyName: name, validationActions: action === 'Deny' ? ['Deny'] : ['Warn'], ...(paramRef ? { paramRef } : {}) },
    },
    replaces,
  };
}

// @orkestra/lib/policy (issue 15, policy mode): deletion protection, namespace protection and the
// validation rules CEL can express, as ValidatingAdmissionPolicies the API server enforces itself.
export { isPolicyMode, planPolicyMode, policyObjects } from './plan-admission-policies.ts';
export type { PolicyPlan, WebhookRule } from './plan-admission-policies.ts';
export { planDeletionPolicies, planNamespacePolicies } from './plan-protection-policies.ts';
export { planRulePolicies } from './plan-rule-policies.ts';
export { POLICY_LABELS } from './vap-model.ts';
export type { PlannedPolicy, PolicyValidation, ValidatingAdmissionPolicy, ValidatingAdmissionPolicyBinding } from './vap-model.ts';

// @orkestra/lib/gateway: the admission gateway's pure core: request validation, decisions, webhook configurations, certificate policy.
export { allow, deny, renderAdmissionResponse, renderRequestProblems } from './admission-decision.ts';
export type { AdmissionDecision, AdmissionReviewResponse, AdmissionRule, DenialStatus } from './admission-decision.ts';
export { ADMISSION_BUDGET, MAX_ADMISSION_REVIEW_BYTES } from './admission-budget.ts';
export type { AdmissionBudget, UndecidedReason } from './admission-budget.ts';
export { decideUndecided, describeUndecided } from './decide-undecided.ts';
export type { ProtectionName } from './decide-undecided.ts';
export { peekReviewUid } from './peek-review-uid.ts';
export { parseAdmissionReview, readAdmissionReview } from './admission-request.ts';
export { answerAdmissionReview, answerDecided, answerParsedReview, answerUndecided, answerUnreadable } from './answer-admission-review.ts';
export type { AdmissionAnswer } from './answer-admission-review.ts';
export type { AdmissionRequest, ReadReview, RequestProblem, ReviewObject } from './admission-request.ts';
export { decideDeletionProtection, evictionTarget } from './decide-deletion-protection.ts';
export type { PodLookup } from './decide-deletion-protection.ts';
export { decideNamespaceProtection, isSystemIdentity } from './decide-namespace-protection.ts';
export { deletionPolicyOf, namespacePolicyOf, planGatewayPolicy } from './gateway-policy.ts';
export type { DeletionPolicy, GatewayPolicy, KatalogResource, NamespacePolicy } from './gateway-policy.ts';
export { planWebhookConfigs, WEBHOOK_CONFIG_LABELS } from './plan-webhook-configs.ts';
export type { WebhookEndpoint, WebhookPlanOptions } from './plan-webhook-configs.ts';
export type { LabelSelector, RuleWithOperations, SelectorRequirement, ValidatingWebhook, ValidatingWebhookConfiguration, WebhookClientConfig } from './webhook-config.ts';
export { webhookConfigDrift } from './webhook-config-drift.ts';
export type { WebhookDrift } from './webhook-config-drift.ts';
export { parseCertDuration } from './cert-duration.ts';
export type { DurationResult } from './cert-duration.ts';
export { CA_PROPAGATION_MS, checkCertPolicy, CLOCK_SKEW_MS, sanCovers } from './cert-facts.ts';
export type { CertFacts, CertRotationPolicy } from './cert-facts.ts';
export { planCertificates } from './plan-certificates.ts';
export type { CertAction, CertPlan, CertState } from './plan-certificates.ts';
export { checkProvidedCertificate } from './check-provided-certificate.ts';
export type { CertProblem } from './check-provided-certificate.ts';
export { servingSans } from './serving-sans.ts';
export type { ServingIdentity } from './serving-sans.ts';
export {
  BUILTIN_RESTRICTED_NAMESPACES, DELETION_PROTECTION_PATH, GATEWAY_SERVICE, NAMESPACE_NAME_LABEL,
  NAMESPACE_PROTECTION_PATH, PROTECTION_LABEL, STRICT_EXEMPT_LABEL, WEBHOOK_PORT, WEBHOOK_TIMEOUT_SECONDS,
} from './names.ts';
// Issue 15: the webhooks of the Katalog's validation and mutation rules.
export { decideMutation, decideValidation, ruleResourceOf } from './decide-admission-rules.ts';
export type { DenialDetails } from './admission-decision.ts';
export type { GatewayPolicyOptions, RuleResource, RulesPolicy } from './gateway-policy.ts';
export type { MutatingWebhook, MutatingWebhookConfiguration, WebhookConfiguration } from './webhook-config.ts';
export { MUTATE_PATH, VALIDATE_PATH } from './names.ts';
export { admitOffline } from './admit-offline.ts';
export type { AdmitFile, AdmitInput, AdmitResult } from './admit-offline.ts';
export { rulesPolicyOf } from './gateway-policy.ts';

// @orkestra/lib/gateway: the admission gateway's pure core: request validation, decisions, webhook configurations, certificate policy.
export { allow, deny, renderAdmissionResponse, renderRequestProblems } from './admission-decision.ts';
export type { AdmissionDecision, AdmissionReviewResponse, AdmissionRule } from './admission-decision.ts';
export { parseAdmissionReview, readAdmissionReview } from './admission-request.ts';
export { answerAdmissionReview } from './answer-admission-review.ts';
export type { AdmissionAnswer } from './answer-admission-review.ts';
export type { AdmissionRequest, ReadReview, RequestProblem, ReviewObject } from './admission-request.ts';
export { decideDeletionProtection } from './decide-deletion-protection.ts';
export { decideNamespaceProtection, isSystemIdentity } from './decide-namespace-protection.ts';
export { planGatewayPolicy } from './gateway-policy.ts';
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
  BUILTIN_RESTRICTED_NAMESPACES, DELETION_PROTECTION_PATH, GATEWAY_SERVICE, MAX_ADMISSION_REVIEW_BYTES, NAMESPACE_NAME_LABEL,
  NAMESPACE_PROTECTION_PATH, PROTECTION_LABEL, STRICT_EXEMPT_LABEL, WEBHOOK_PORT, WEBHOOK_TIMEOUT_SECONDS,
} from './names.ts';

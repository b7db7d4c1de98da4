// The public surface of @orkestra/lib, one reviewed line per export. Pure: no I/O, no clock.

// Diagnostics
export { CODES } from './diagnostics/codes.ts';
export type { Code, CodeInfo } from './diagnostics/codes.ts';
export { hasErrors, sortDiagnostics } from './diagnostics/diagnostic.ts';
export type { Diagnostic, Severity } from './diagnostics/diagnostic.ts';
export { makeDiagnostic } from './diagnostics/make-diagnostic.ts';
export type { Place } from './diagnostics/make-diagnostic.ts';

// Katalog
export { parseKatalog, KATALOG_API_VERSION } from './validate/parse-katalog.ts';
export type { KatalogSource, ParseKatalogOptions, ParseKatalogResult } from './validate/parse-katalog.ts';
export type { ChildItem, CrdEntry, CertPolicy, DeletionProtection, DependencyCondition, JsonSchema, Katalog, NamespaceProtection, Security, StatusField } from './katalog/model.ts';
export type { ReadFile } from './katalog/normalize-katalog.ts';
export { planStartupOrder } from './katalog/startup-order.ts';
export type { StartupStep } from './katalog/startup-order.ts';
export { formatDuration, parseDuration } from './katalog/duration.ts';
export { readYaml, MAX_KATALOG_BYTES } from './katalog/read-yaml.ts';
export type { YamlRead } from './katalog/read-yaml.ts';
export { formatPath } from './katalog/locate.ts';
export type { FieldType } from './field-schemas/field-schemas.ts';
export { katalogSchema } from './katalog/schema.ts';

// Templates
export { checkTemplateSyntax, compileTemplate, CR_ROOTS, inferTemplateType, isTemplate, renderDeep, renderTemplate, TEMPLATE_LIMITS, templateFunctionNames, templateReferences } from './template/index.ts';
export type { CompileOptions, CompileResult, RenderDeepOptions, RenderDeepResult, RenderResult, Template, TemplateError, TemplateNode, TemplatePathRef, TypeOfPath, ValueType } from './template/index.ts';

// Child builders and reconcile planning
export { buildChild, CHILD_KINDS, CHILD_KIND_KEYS, customTarget, defaultChildName, ownerReferenceFor, podSelectorFor, canOwn, MANAGED_BY_LABEL, OWNER_LABEL } from './children/index.ts';
export type { BuildContext, BuildResult, ChildKindKey, CrObject, CustomTarget, KubeObject, OwnerReference } from './children/index.ts';
export { planChildren } from './runtime/plan-children.ts';
export type { ChildProblem, ChildrenPlan, PlannedChild } from './runtime/plan-children.ts';
export { readPath } from './runtime/read-path.ts';

// Conditions (issue 14): one meaning of when/or for the runtime, admission and the CLI
export { ALWAYS, checkConditionType, CONDITION_ROOTS, conditionListSchema, conditionSchema, conditionScope, evaluateCondition, evaluateConditionSet, OPERATORS, parseCondition, parseConditionSet, SHORTHANDS } from './conditions/index.ts';
export type { Condition, ConditionContext, ConditionInput, ConditionProblem, ConditionScope, ConditionSet, ConditionValueType, Operator } from './conditions/index.ts';

// CRDs and the Katalog's JSON Schema
export { planCrd, planCrds } from './crd/plan-crd.ts';
export { planCrdSchema } from './crd/plan-crd-schema.ts';
export type { CrdSchemaPlan } from './crd/plan-crd-schema.ts';
export { typeAtPath } from './crd/type-at-path.ts';
export type { PathType } from './crd/type-at-path.ts';
export { planKatalogJsonSchema } from './json-schema/plan-katalog-json-schema.ts';

// RBAC, bundle and the --full report
export { planRbac } from './rbac/plan-rbac.ts';
export { planCrdRules } from './rbac/plan-crd-rules.ts';
export type { CrdRule } from './rbac/plan-crd-rules.ts';
export type { PlanRbacOptions, RbacPlan } from './rbac/plan-rbac.ts';
export type { Component, ComponentRbac, CrdRbac, PlannedRole, PlannedRule, PolicyRule, RbacScope } from './rbac/rbac-model.ts';
export type { RbacNote } from './rbac/rbac-findings.ts';
export { COMPONENTS } from './rbac/rbac-model.ts';
export { lintRules } from './rbac/lint-rules.ts';
export { childPlacement } from './rbac/child-target.ts';
export type { ChildPlacement } from './rbac/child-target.ts';
export type { RuleProblem } from './rbac/lint-rules.ts';
export { installerNeeds } from './rbac/installer-needs.ts';
export type { InstallerNeeds } from './rbac/installer-needs.ts';
export { DEFAULT_INSTALL_NAMESPACE, KATALOG_CONFIG_MAP, KATALOG_CONFIG_MAP_KEY, SERVICE_ACCOUNTS } from './rbac/names.ts';
export { planBundle } from './bundle/plan-bundle.ts';
export { planRbacObjects } from './bundle/plan-rbac-objects.ts';
export type { PlanBundleOptions, PlannedObjects } from './bundle/plan-rbac-objects.ts';
export { planKatalogConfigMap } from './bundle/plan-katalog-config-map.ts';
export { planFullReport } from './report/plan-full-report.ts';
export type { CrdReport, FullReport, FullReportOptions, Protection, StartupReport } from './report/plan-full-report.ts';
export { renderFullReport } from './report/render-full-report.ts';

// Ports (interfaces the apps wire adapters into); fakes in @orkestra/lib/testing
export type { AbortSignalLike, ApplyOptions, Clock, Cluster, ClusterError, ClusterErrorType, ClusterResult, DeleteOptions, Entropy, ListOptions, ListPage, MetadataPatch, ObjectMeta, ObjectRef, Resource, WatchEnd, WatchEvent, WatchOptions } from './ports/index.ts';
// issue 13: the Logger and Metrics ports (the JSON-lines logger is in @orkestra/adapters/process)
export type { LogFields, Logger, Metrics } from './ports/index.ts';
export type { KubeObject as ClusterObject, OwnerReference as ClusterOwnerReference } from './ports/index.ts';
export { apiVersionOf, errorTypeForStatus, fail, ok } from './ports/index.ts';

// Runtime core (pure): work queue, reconcile planning, CRD health, leader election
export { childKey, childResourceOf } from './runtime/child-key.ts';
export type { ChildResource } from './runtime/child-key.ts';
export { canStart, healthHttpStatus, initialHealth, isStarted, overallHttpStatus, stepHealth } from './runtime/crd-health.ts';
export type { CrdHealth, HealthEvent, HealthState, StartDecision } from './runtime/crd-health.ts';
export { checkLeaderElectionConfig, decideLeadership, LEADER_JITTER_FACTOR, RUNTIME_LEASE_NAME, trackLease } from './runtime/decide-leadership.ts';
export type { LeaderElectionConfig, LeadershipDecision, LeadershipInput, LeaseSpec, ObservedLease } from './runtime/decide-leadership.ts';
export { canOwnIn, decorateChild } from './runtime/decorate-child.ts';
export { canonicalJson, fingerprint } from './runtime/fingerprint.ts';
export { formatMicroTime, formatTime, parseTime } from './runtime/format-time.ts';
export { APPLIED_HASH_ANNOTATION, FIELD_MANAGER, FINALIZER, OWNER_KEY_ANNOTATION, ownerKeyOf, queueKeyOf } from './runtime/names.ts';
export { DELETION_RECHECK_MS, planDeletion, truncateNote } from './runtime/plan-deletion.ts';
export { planReconcile, planReconcileFailure, TERMINATING_CHILD_RECHECK_MS } from './runtime/plan-reconcile.ts';
export { usesUnique } from './runtime/uses-unique.ts';
export { planStatusPatch, READY_MESSAGE_MAX, renderStatusFields, truncateMessage } from './runtime/plan-status.ts';
export type { ReadyState, StatusValue } from './runtime/plan-status.ts';
export type { CachedCr, CachedMetadata, Effect, ObservedChild, Outcome, ReconcileInput, ReconcilePlan } from './runtime/reconcile-types.ts';
export { parseQueueKey, routeChildEvent } from './runtime/route-child-event.ts';
export type { OwnerRoute } from './runtime/route-child-event.ts';
export { DEFAULT_BACKOFF, WorkQueue } from './runtime/work-queue.ts';
export type { BackoffPolicy, NextItem, WorkQueueOptions, WorkQueueStats } from './runtime/work-queue.ts';

// Rendering
export { renderJson, renderYaml, renderYamlDocuments } from './render/render-yaml.ts';
export { renderDiagnostics } from './render/render-diagnostics.ts';

// Utilities
export { closest } from './util/closest.ts';

// Admission gateway (pure): AdmissionReview validation, protection decisions, webhook configurations, certificate policy
export { renderAdmissionResponse, renderRequestProblems } from './gateway/index.ts';
export type { AdmissionDecision, AdmissionReviewResponse, AdmissionRule } from './gateway/index.ts';
export { answerAdmissionReview, parseAdmissionReview, readAdmissionReview } from './gateway/index.ts';
export type { AdmissionAnswer, AdmissionRequest, ReadReview, RequestProblem, ReviewObject } from './gateway/index.ts';
export { decideDeletionProtection, decideNamespaceProtection, isSystemIdentity, planGatewayPolicy } from './gateway/index.ts';
export type { DeletionPolicy, GatewayPolicy, KatalogResource, NamespacePolicy } from './gateway/index.ts';
export { planWebhookConfigs, WEBHOOK_CONFIG_LABELS, webhookConfigDrift } from './gateway/index.ts';
export type { LabelSelector, RuleWithOperations, SelectorRequirement, ValidatingWebhook, ValidatingWebhookConfiguration, WebhookClientConfig, WebhookDrift, WebhookEndpoint, WebhookPlanOptions } from './gateway/index.ts';
export { CA_PROPAGATION_MS, checkCertPolicy, checkProvidedCertificate, CLOCK_SKEW_MS, parseCertDuration, planCertificates, sanCovers, servingSans } from './gateway/index.ts';
export type { CertAction, CertFacts, CertPlan, CertProblem, CertRotationPolicy, CertState, DurationResult, ServingIdentity } from './gateway/index.ts';
export {
  BUILTIN_RESTRICTED_NAMESPACES, DELETION_PROTECTION_PATH, GATEWAY_SERVICE, MAX_ADMISSION_REVIEW_BYTES, NAMESPACE_NAME_LABEL,
  NAMESPACE_PROTECTION_PATH, PROTECTION_LABEL, STRICT_EXEMPT_LABEL, WEBHOOK_PORT, WEBHOOK_TIMEOUT_SECONDS,
} from './gateway/index.ts';

// Control Center (pure): runtime status from polls, history, stats and the snapshot
export { buildSnapshot, initialRuntimeState, LEADER_ATTEMPTS, parseRuntimeUrls, readKatalogFacts, retryForLeader, sampleOf, stepRuntimeState, summarize, trimHistory } from './control-center/index.ts';
export type {
  CrdFacts, GatewayView, KatalogAnswer, KatalogFacts, PollResult, RuntimeEntry, RuntimeState, RuntimeStatus, Sample, SampleJson, Snapshot,
  SnapshotStats, StatePolicy,
} from './control-center/index.ts';

// Katalogs from an OCI registry (issue 19): artifact format, references, manifest/digest checks, pull/push over the port, swap planning
export {
  ANNOTATIONS, artifactVersion, describeMissingRule, describeType, digestOf, EMPTY_CONFIG, formatReference, isLoopbackHost, isOciReference, isQuietSwap,
  isSha256Digest, KATALOG_ARTIFACT_TYPE, LAYERS, layerLimit, layerRoleOf, MANIFEST_ACCEPT, MAX_EXTRA_LAYER_BYTES, MAX_MANIFEST_BYTES, missingRuntimeRules,
  OCI_INDEX, OCI_MANIFEST, OCI_SCHEME, parseAuthChallenge, parseReference, pinnedReference, planKatalogArtifact, planKatalogSwap, problemOf,
  pullKatalogArtifact, pushKatalogArtifact, rbacReviewNamespaces, readKatalogManifest, registryDiagnostic, resolveDigest, shortDigest, withDefaultTag,
} from './registry/index.ts';
export type {
  ArtifactAnnotations, ArtifactFile, AuthChallenge, Descriptor, KatalogManifest, KatalogSwap, LayerRole, ManifestCheck, MissingRule, OciReference,
  PlannedArtifact, PulledKatalog, PullResult, PushOutcome, PushResult, ReferenceResult, RegistryProblem,
} from './registry/index.ts';
export type { FetchedManifest, ManifestHead, RegistryClient, RegistryError, RegistryResult } from './ports/index.ts';
export { utf8DecodeStrict } from './util/utf8.ts';

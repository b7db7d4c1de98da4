// @orkestra/lib/runtime: the runtime's pure core: children of a CR, the reconcile and deletion
// plans, CRD health, leader election and the work queue. The apps/runtime package runs it.
export { planChildren } from './plan-children.ts';
export type { ChildProblem, ChildrenPlan, PlannedChild } from './plan-children.ts';
export { readPath } from './read-path.ts';
export { childKey, childResourceOf } from './child-key.ts';
export type { ChildResource } from './child-key.ts';
export { canStart, healthHttpStatus, initialHealth, isStarted, overallHttpStatus, stepHealth } from './crd-health.ts';
export type { CrdHealth, HealthEvent, HealthState, StartDecision } from './crd-health.ts';
export { checkLeaderElectionConfig, decideLeadership, LEADER_JITTER_FACTOR, RUNTIME_LEASE_NAME, trackLease } from './decide-leadership.ts';
export type { LeaderElectionConfig, LeadershipDecision, LeadershipInput, LeaseSpec, ObservedLease } from './decide-leadership.ts';
export { canOwnIn, decorateChild } from './decorate-child.ts';
export { canonicalJson, fingerprint, sha256Text, type Sha256Text } from './fingerprint.ts';
export { formatMicroTime, formatTime, parseTime } from './format-time.ts';
export { APPLIED_HASH_ANNOTATION, FIELD_MANAGER, FINALIZER, OWNER_KEY_ANNOTATION, ownerKeyOf, queueKeyOf } from './names.ts';
export { DELETION_RECHECK_MS, planDeletion, truncateNote } from './plan-deletion.ts';
export { planReconcile, planReconcileFailure, TERMINATING_CHILD_RECHECK_MS } from './plan-reconcile.ts';
export { usesUnique } from './uses-unique.ts';
export { compareResourceVersions, newerObject } from './newer-object.ts';
export { planStatusPatch, READY_MESSAGE_MAX, renderStatusFields, truncateMessage } from './plan-status.ts';
export type { StatusValue } from './plan-status.ts';
export type { CachedCr, CachedMetadata, Effect, ObservedChild, Outcome, ReadyMemo, ReconcileInput, ReconcilePlan } from './reconcile-types.ts';
export { parseQueueKey, routeChildEvent } from './route-child-event.ts';
export type { OwnerRoute } from './route-child-event.ts';
export { DEFAULT_BACKOFF, WorkQueue } from './work-queue.ts';
export type { BackoffPolicy, NextItem, WorkQueueOptions, WorkQueueStats } from './work-queue.ts';
// issue 14 (runtime): children as data, health, drift, forEach, observe.watch
export { childHealth, HEALTH_PATHS } from './child-health.ts';
export type { ChildHealth, HealthStatus, HealthSubject } from './child-health.ts';
export { childKeepPaths } from './child-keep-paths.ts';
export { buildChildrenView } from './children-view.ts';
export { childrenReadStatus, crUpdateMatters } from './cr-update-matters.ts';
export { decideReadiness } from './decide-readiness.ts';
export type { ConditionState, ReadinessChild } from './decide-readiness.ts';
export { detectDrift } from './detect-drift.ts';
export type { DriftFinding } from './detect-drift.ts';
export { expandForEach, FOR_EACH_MAX } from './expand-for-each.ts';
export { projectChild } from './project-child.ts';
export type { ProjectedChild } from './project-child.ts';
export { routeWatchedEvent } from './route-watched-event.ts';
export { CHILD_ACCESSORS, childAccessor } from '../kube-types/child-accessors.ts';
export { checkChildPath } from '../kube-types/check-child-path.ts';
export type { ChildPathVerdict } from '../kube-types/check-child-path.ts';
// Issue 15: the admission rules applied at reconcile.
export { planRuleCheck } from './plan-rule-check.ts';
export type { RuleCheck } from './plan-rule-check.ts';

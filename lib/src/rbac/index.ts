// @orkestra/lib/rbac: least-privilege RBAC for the runtime, gateway and Control Center, every rule
// with its reasons. The Kubernetes objects for a plan are in @orkestra/lib/bundle (rbacObjects).
export { planRbac, plannedComponents } from './plan-rbac.ts';
export type { PlanRbacOptions, RbacPlan } from './plan-rbac.ts';
export { COMPONENTS } from './rbac-model.ts';
export type { Component, ComponentRbac, CrdRbac, PlannedRole, PlannedRule, PolicyRule, RbacScope } from './rbac-model.ts';
export type { RbacNote } from './rbac-findings.ts';
export { planCrdRules } from './plan-crd-rules.ts';
export type { CrdRule } from './plan-crd-rules.ts';
export { lintRules } from './lint-rules.ts';
export type { RuleProblem } from './lint-rules.ts';
export { childPlacement } from './child-target.ts';
export type { ChildPlacement } from './child-target.ts';
export { installerNeeds } from './installer-needs.ts';
export type { InstallerNeeds } from './installer-needs.ts';
export { DEFAULT_INSTALL_NAMESPACE, KATALOG_CONFIG_MAP, KATALOG_CONFIG_MAP_KEY, SERVICE_ACCOUNTS } from './names.ts';
// Issue 15: the names of the rule webhooks' configurations.
export { ADMISSION_MUTATION_WEBHOOK, ADMISSION_VALIDATION_WEBHOOK } from './names.ts';

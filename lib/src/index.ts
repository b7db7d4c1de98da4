// @orkestra/lib: the common path of a tool (parse, validate, plan, render), one reviewed line per
// export. Pure: no I/O, no clock. Everything else has a subpath named for its room, each the
// room's index.ts (lib/package.json "exports"): /katalog (validate/index.ts), /template,
// /conditions, /admission, /children, /crd, /conversion, /rbac, /bundle, /runtime, /gateway,
// /control-center, /registry, /cel and /policy (issue 15, policy mode), /ports, /testing. A new
// export goes to its room's index.ts; here too only if most tools need it.

// Diagnostics
export { CODES } from './diagnostics/codes.ts';
export type { Code, CodeInfo } from './diagnostics/codes.ts';
export { hasErrors, sortDiagnostics } from './diagnostics/diagnostic.ts';
export type { Diagnostic, Severity } from './diagnostics/diagnostic.ts';
export { makeDiagnostic } from './diagnostics/make-diagnostic.ts';
// issue 12: control characters escaped in every message the apps print
export { escapeControl } from './util/escape-control.ts';
export type { Place } from './diagnostics/make-diagnostic.ts';
export { closest } from './util/closest.ts';

// Parse and validate a Katalog (more in @orkestra/lib/katalog)
export { parseKatalog, KATALOG_API_VERSION } from './validate/index.ts';
export type { DocPath, KatalogSource, Locator, ParseKatalogOptions, ParseKatalogResult, ReadFile } from './validate/index.ts';
export type { ChildItem, CrdEntry, Katalog } from './validate/index.ts';
export { planKatalogJsonSchema } from './json-schema/plan-katalog-json-schema.ts';

// Plan: CRDs, RBAC, the bundle, the children of a custom resource, the --full report
export { planCrd, planCrds } from './crd/index.ts';
export { COMPONENTS, planRbac } from './rbac/index.ts';
export type { Component, ComponentRbac, CrdRbac, PlannedRole, PlannedRule, PlanRbacOptions, PolicyRule, RbacNote, RbacPlan, RbacScope } from './rbac/index.ts';
export { planBundle, planKatalogConfigMap, planRbacObjects, rbacObjects } from './bundle/index.ts';
export type { PlanBundleOptions, PlannedObjects } from './bundle/index.ts';
export type { CrObject, KubeObject } from './children/index.ts';
export { planChildren } from './runtime/index.ts';
export type { ChildProblem, ChildrenPlan, PlannedChild } from './runtime/index.ts';
export { planFullReport } from './report/plan-full-report.ts';
export type { CrdReport, FullReport, FullReportOptions, Protection, StartupReport } from './report/plan-full-report.ts';

// Render
export { renderJson, renderYaml, renderYamlDocuments } from './render/render-yaml.ts';
export { boundDiagnostics, renderDiagnostics } from './render/render-diagnostics.ts';
export { renderFullReport } from './report/render-full-report.ts';

import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { sortDiagnostics } from '../diagnostics/diagnostic.ts';
import { formatDuration } from '../katalog/duration.ts';
import type { CrdEntry, DependencyCondition, Katalog } from '../katalog/model.ts';
import { planStartupOrder, type StartupStep } from '../katalog/startup-order.ts';
import { installerNeeds, type InstallerNeeds } from '../rbac/installer-needs.ts';
import { planPolicyMode, type PolicyPlan } from '../policy/plan-admission-policies.ts';
import type { RbacPlan } from '../rbac/plan-rbac.ts';
import { crdScope } from '../rbac/plan-runtime-grants.ts';
import type { RbacNote } from '../rbac/rbac-findings.ts';
import { COMPONENTS, type Component, type ComponentRbac, type PlannedRole } from '../rbac/rbac-model.ts';

/** How a CRD is covered by deletion protection. */
export type Protection =
  | { readonly type: 'off' }            // security.deletionProtection absent or disabled
  | { readonly type: 'full'; readonly strict: boolean }
  | { readonly type: 'crd-only'; readonly strict: boolean }
  | { readonly type: 'crs-only'; readonly strict: boolean }
  | { readonly type: 'none' };

/** One CRD entry as `validate --full` shows it. */
export interface CrdReport {
  readonly name: string;
  readonly enabled: boolean;
  readonly kind: string;
  readonly group: string;
  readonly version: string;
  readonly plural: string;
  readonly scope: 'Namespaced' | 'Cluster';
  /** The namespace the runtime watches, or `*` for all namespaces. */
  readonly watches: string;
  /** Concurrent reconciles, or `runtime default` (DEFAULT_WORKERS). */
  readonly workers: number | 'runtime default';
  /** Resync period as written (`30s`), or `runtime default` (DEFAULT_RESYNC). */
  readonly resync: string | 'runtime default';
  readonly protection: Protection;
  readonly dependsOn: readonly { readonly name: string; readonly condition: DependencyCondition }[];
  /** Child lists as `onCreate.deployments` with their item counts, in Katalog order. */
  readonly children: readonly { readonly list: string; readonly items: number }[];
  /** The roles and rules that exist because of this CRD. */
  readonly permissions: readonly PlannedRole[];
  /** True when a warning (diagnostic or note) concerns this CRD. */
  readonly warned: boolean;
}

/** The startup order, or the cycle that prevents one. */
export type StartupReport =
  | { readonly type: 'order'; readonly steps: readonly StartupStep[] }
  | { readonly type: 'cycle'; readonly crds: readonly string[] };

/** Everything `ork validate --full` shows, as data (`-o json` prints exactly this). */
export interface FullReport {
  readonly katalog: {
    readonly name: string; readonly file: string; readonly version?: string; readonly standaloneGateway: boolean;
    /** metadata.namespace: the logical tenant the Control Center groups by (not where anything is installed). */
    readonly tenant?: string;
    readonly license?: string;
    readonly tags?: readonly string[];
    readonly author?: string;
  };
  readonly namespace: string;
  readonly crds: readonly CrdReport[];
  readonly summary: { readonly crds: number; readonly enabled: number; readonly disabled: number };
  readonly startup: StartupReport;
  readonly components: readonly ComponentRbac[];
  readonly installer: InstallerNeeds;
  readonly notes: readonly RbacNote[];
  /**
   * Policy mode (issue 15): each ValidatingAdmissionPolicy with the webhook it replaces, and the
   * validation rules that stay on the webhook with the reason (also ORK1408 in `diagnostics`).
   */
  readonly policyMode?: {
    readonly policies: readonly { readonly name: string; readonly action: 'Deny' | 'Warn'; readonly replaces: string }[];
    readonly webhookRules: readonly { readonly crd: string; readonly rule: number; readonly field: string; readonly reason: string }[];
    readonly mutationOnWebhook: readonly string[];
  };
  /** The plan's diagnostics and any passed in (for example the parser's warnings), sorted. */
  readonly diagnostics: readonly Diagnostic[];
}

/** Options of planFullReport. */
export interface FullReportOptions {
  /** Components the installer needs are computed for; default every planned component. */
  readonly components?: readonly Component[];
  /** Further diagnostics to show with the plan's (the parser's warnings). */
  readonly diagnostics?: readonly Diagnostic[];
}

/** Assembles the `validate --full` report from a Katalog and its RBAC plan. */
export function planFullReport(katalog: Katalog, plan: RbacPlan, options: FullReportOptions = {}): FullReport {
  const diagnostics = sortDiagnostics([...(options.diagnostics ?? []), ...plan.diagnostics]);
  const startup = planStartupOrder(katalog.crds);
  const enabled = katalog.crds.filter((c) => c.enabled).length;
  const policy = planPolicyMode(katalog, plan.namespace);
  const policyNames = policy.policies.map((p) => p.policy.metadata.name);
  const params = policy.policies.filter((p) => p.policy.spec.paramKind).map((p) => ({ policy: p.policy.metadata.name, apiGroup: '', resource: 'pods' }));
  return {
    katalog: {
      name: katalog.metadata.name,
      file: katalog.file,
      ...(katalog.metadata.version !== undefined ? { version: katalog.metadata.version } : {}),
      ...(katalog.metadata.namespace !== undefined ? { tenant: katalog.metadata.namespace } : {}),
      ...(katalog.metadata.license !== undefined ? { license: katalog.metadata.license } : {}),
      ...(katalog.metadata.tags?.length ? { tags: katalog.metadata.tags } : {}),
      ...(katalog.metadata.author !== undefined ? { author: katalog.metadata.author } : {}),
      standaloneGateway: katalog.gateway?.standalone === true,
    },
    namespace: plan.namespace,
    crds: katalog.crds.map((c) => crdReport(katalog, plan, c, diagnostics)),
    summary: { crds: katalog.crds.length, enabled, disabled: katalog.crds.length - enabled },
    startup: 'order' in startup ? { type: 'order', steps: startup.order } : { type: 'cycle', crds: startup.cycle },
    components: COMPONENTS.map((c) => plan.components[c]),
    installer: installerNeeds(plan, options.components, { names: policyNames, params }),
    notes: plan.notes,
    ...(katalog.security?.mode === 'policy' ? { policyMode: policyModeReport(policy) } : {}),
    diagnostics,
  };
}

function crdReport(katalog: Katalog, plan: RbacPlan, crd: CrdEntry, diagnostics: readonly Diagnostic[]): CrdReport {
  const scope = crdScope(crd);
  const prefix = `spec.crds.${crd.name}`;
  const children = new Map<string, number>();
  // issue 14: onDelete items are children too (created when the CR is deleted).
  for (const item of [...crd.children, ...(crd.onDelete?.groups.flatMap((g) => g.items) ?? [])]) children.set(`${item.phase}.${item.key}`, (children.get(`${item.phase}.${item.key}`) ?? 0) + 1);
  return {
    name: crd.name,
    enabled: crd.enabled,
    kind: crd.kind,
    group: crd.group,
    version: crd.version,
    plural: crd.plural,
    scope: crd.scope,
    watches: scope.type === 'namespace' ? scope.namespace : '*',
    workers: crd.workers ?? 'runtime default',
    resync: crd.resyncMs !== undefined ? formatDuration(crd.resyncMs) : 'runtime default',
    protection: protection(katalog, crd),
    dependsOn: crd.dependsOn,
    children: [...children].map(([list, items]) => ({ list, items })),
    permissions: plan.crds.find((c) => c.crd === crd.name)?.roles ?? [],
    warned: diagnostics.some((d) => d.severity !== 'info' && (d.path === prefix || d.path.startsWith(`${prefix}.`)))
      || plan.notes.some((n) => n.crd === crd.name),
  };
}

function protection(katalog: Katalog, crd: CrdEntry): Protection {
  const dp = katalog.security?.deletionProtection;
  if (!dp?.enabled) return { type: 'off' };
  const { protectCRD, protectCRs } = crd.deletionProtection;
  const strict = dp.strictMode;
  if (protectCRD && protectCRs) return { type: 'full', strict };
  if (protectCRD) return { type: 'crd-only', strict };
  if (protectCRs) return { type: 'crs-only', strict };
  return { type: 'none' };
}

function policyModeReport(plan: PolicyPlan): NonNullable<FullReport['policyMode']> {
  return {
    policies: plan.policies.map((p) => ({ name: p.policy.metadata.name, action: p.binding.spec.validationActions[0], replaces: p.replaces })),
    webhookRules: plan.webhookRules.map((w) => ({ crd: w.crd, rule: w.rule.index, field: w.rule.check.field.text, reason: w.reason })),
    mutationOnWebhook: plan.mutationCrds,
  };
}

import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { sortDiagnostics } from '../diagnostics/diagnostic.ts';
import { makeDiagnostic, type Place } from '../diagnostics/make-diagnostic.ts';
import { formatPath, type DocPath } from '../katalog/locate.ts';
import type { Katalog } from '../katalog/model.ts';
import { groupRoles } from './group-roles.ts';
import { crdRoles } from './plan-crd-rules.ts';
import { DEFAULT_INSTALL_NAMESPACE, SERVICE_ACCOUNTS } from './names.ts';
import { planCcGrants } from './plan-cc-grants.ts';
import { planGatewayGrants } from './plan-gateway-grants.ts';
import { planRuntimeGrants } from './plan-runtime-grants.ts';
import type { GrantPlan, RbacNote } from './rbac-findings.ts';
import { COMPONENTS, type Component, type ComponentRbac, type CrdRbac } from './rbac-model.ts';

/** Options of planRbac. */
export interface PlanRbacOptions {
  /** Install namespace (ServiceAccounts, Lease, TLS Secret); default `orkestra-system`. */
  readonly namespace?: string;
  /** Positions findings in the Katalog file; without it they point at line 1 with their path. */
  readonly locate?: (path: DocPath) => Place;
}

/** Every permission Orkestra's components need for one Katalog, with reasons. */
export interface RbacPlan {
  readonly namespace: string;
  readonly components: { readonly [C in Component]: ComponentRbac };
  /** One entry per CRD entry (disabled ones have no roles), in Katalog order. */
  readonly crds: readonly CrdRbac[];
  /** Remarks for reviewers without a diagnostic code. */
  readonly notes: readonly RbacNote[];
  /** ORK2001 (RBAC children), ORK2003 (inferred custom plural), ORK2005 (namespaced watch), sorted. */
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Plans least-privilege RBAC for the runtime, gateway and Control Center from a validated
 * Katalog: every rule derived, merged, sorted and explained. Pure and deterministic.
 */
export function planRbac(katalog: Katalog, options: PlanRbacOptions = {}): RbacPlan {
  const namespace = options.namespace ?? DEFAULT_INSTALL_NAMESPACE;
  const locate = options.locate ?? ((path: DocPath): Place => ({ file: katalog.file, line: 1, column: 1, path: formatPath(path) }));
  const enabledCrds = katalog.crds.filter((c) => c.enabled).length;
  const runtimePlanned = !(katalog.gateway?.standalone === true && enabledCrds === 0);
  const empty: GrantPlan = { grants: [], findings: [], notes: [] };
  const runtime = runtimePlanned ? planRuntimeGrants(katalog, namespace) : empty;
  const gateway = katalog.wantsGateway ? planGatewayGrants(katalog, namespace) : empty;
  const component = (c: Component, planned: boolean, plan: GrantPlan): ComponentRbac =>
    ({ component: c, serviceAccount: SERVICE_ACCOUNTS[c], planned, roles: groupRoles(plan.grants) });
  const diagnostics: Diagnostic[] = [...runtime.findings, ...gateway.findings]
    .map((f) => makeDiagnostic(f.code, locate(f.path), f.message));
  return {
    namespace,
    components: {
      runtime: component('runtime', runtimePlanned, runtime),
      gateway: component('gateway', katalog.wantsGateway, gateway),
      cc: component('cc', true, runtimePlanned ? planCcGrants(katalog) : empty),
    },
    crds: katalog.crds.map((c) => ({ crd: c.name, roles: crdRoles(runtime.grants, c.name) })),
    notes: [...runtime.notes, ...gateway.notes],
    diagnostics: sortDiagnostics(diagnostics),
  };
}

/** The components the Katalog calls for, in bundle order: what a bundle holds unless asked for others. */
export function plannedComponents(plan: RbacPlan): Component[] {
  return COMPONENTS.filter((c) => plan.components[c].planned);
}

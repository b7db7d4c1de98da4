import type { Katalog } from '../katalog/model.ts';
import { groupRoles } from './group-roles.ts';
import { planRuntimeGrants } from './plan-runtime-grants.ts';
import type { Grant, PlannedRole } from './rbac-model.ts';

/** One rule the runtime holds because of one CRD, flat, as the runtime's `/katalog/{crd}` shows it. */
export interface CrdRule {
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly verbs: readonly string[];
  readonly resourceNames?: readonly string[];
  /** Why the planner grants it, every reason that merged into the rule. */
  readonly reasons: readonly string[];
  /** A ClusterRole rule, or a Role rule in `namespace`. */
  readonly scope: 'cluster' | 'namespace';
  readonly namespace?: string;
  /** escalate or bind (flagged in `validate --full`). */
  readonly critical: boolean;
}

/** The roles runtime grants yield for one CRD entry (what `validate --full` lists under it). */
export function crdRoles(grants: readonly Grant[], crd: string): PlannedRole[] {
  return groupRoles(grants.filter((g) => g.crd === crd));
}

/**
 * The runtime's rules per CRD entry, with their reasons, exactly as the bundle grants them (the
 * same planner, the same merge); the Lease rules belong to no CRD and are not listed. Disabled
 * CRDs map to no rules.
 */
export function planCrdRules(katalog: Katalog, installNamespace: string): ReadonlyMap<string, readonly CrdRule[]> {
  const { grants } = planRuntimeGrants(katalog, installNamespace);
  return new Map(katalog.crds.map((c) => [c.name, crdRoles(grants, c.name).flatMap((role) => role.rules.map(({ rule, reasons, critical }): CrdRule => ({
    apiGroups: rule.apiGroups,
    resources: rule.resources,
    verbs: rule.verbs,
    ...(rule.resourceNames !== undefined ? { resourceNames: rule.resourceNames } : {}),
    reasons,
    scope: role.scope.type,
    ...(role.scope.type === 'namespace' ? { namespace: role.scope.namespace } : {}),
    critical,
  })))]));
}

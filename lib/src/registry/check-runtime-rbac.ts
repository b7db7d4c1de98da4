// Compares what a new Katalog's runtime would need (the bundle's own plan) with what the runtime
// holds now, as SelfSubjectRulesReviews report it (DESIGN §12): a Katalog that needs more is
// refused before it replaces the running one, with the bundle that grants the rest.
import type { Katalog } from '../katalog/model.ts';
import { groupRoles } from '../rbac/group-roles.ts';
import { planRuntimeGrants } from '../rbac/plan-runtime-grants.ts';
import type { PlannedRole, PolicyRule } from '../rbac/rbac-model.ts';

/** One permission the runtime would need and does not hold. */
export interface MissingRule {
  readonly apiGroup: string;
  readonly resource: string;
  readonly verb: string;
  /** The object name when the planned rule is restricted to names. */
  readonly name?: string;
  /** `undefined` for a cluster-wide need, else the namespace of the planned Role. */
  readonly namespace?: string;
}

/** The namespaces to ask a SelfSubjectRulesReview for: the install namespace first, then every Role's. */
export function rbacReviewNamespaces(katalog: Katalog, installNamespace: string): string[] {
  const out = [installNamespace];
  for (const role of runtimeRoles(katalog, installNamespace)) {
    if (role.scope.type === 'namespace' && !out.includes(role.scope.namespace)) out.push(role.scope.namespace);
  }
  return out;
}

/**
 * Every planned runtime rule atom that no held rule covers. `held` maps a namespace to the rules a
 * review in it returned; cluster-wide needs are looked up in the install namespace's review (a
 * review answers per namespace and includes the ClusterRoles bound to the ServiceAccount).
 */
export function missingRuntimeRules(katalog: Katalog, installNamespace: string, held: ReadonlyMap<string, readonly PolicyRule[]>): MissingRule[] {
  const out: MissingRule[] = [];
  for (const role of runtimeRoles(katalog, installNamespace)) {
    const namespace = role.scope.type === 'namespace' ? role.scope.namespace : undefined;
    const rules = held.get(namespace ?? installNamespace) ?? [];
    for (const { rule } of role.rules) {
      for (const apiGroup of rule.apiGroups) for (const resource of rule.resources) for (const verb of rule.verbs) {
        for (const name of rule.resourceNames ?? [undefined]) {
          if (rules.some((h) => covers(h, apiGroup, resource, verb, name))) continue;
          out.push({ apiGroup, resource, verb, ...(name !== undefined ? { name } : {}), ...(namespace !== undefined ? { namespace } : {}) });
        }
      }
    }
  }
  return out;
}

/** `get services (core) in team-a`, `create deployments.apps`, `update leases.coordination.k8s.io "orkestra-runtime" in ns`. */
export function describeMissingRule(m: MissingRule): string {
  const resource = m.apiGroup === '' ? m.resource : `${m.resource}.${m.apiGroup}`;
  return `${m.verb} ${resource}${m.name !== undefined ? ` "${m.name}"` : ''}${m.namespace !== undefined ? ` in ${m.namespace}` : ''}`;
}

/** The runtime's roles as the bundle plans them (the runtime's own derivation, not the whole bundle planner). */
function runtimeRoles(katalog: Katalog, installNamespace: string): readonly PlannedRole[] {
  return groupRoles(planRuntimeGrants(katalog, installNamespace).grants);
}

function covers(rule: PolicyRule, group: string, resource: string, verb: string, name: string | undefined): boolean {
  const has = (list: readonly string[], value: string): boolean => list.includes(value) || list.includes('*');
  if (!has(rule.apiGroups, group) || !has(rule.verbs, verb)) return false;
  const [base] = resource.split('/');
  if (!has(rule.resources, resource) && !(resource.includes('/') && rule.resources.includes(`${base}/*`))) return false;
  if (!rule.resourceNames || rule.resourceNames.length === 0) return true;
  return name !== undefined && rule.resourceNames.includes(name);
}

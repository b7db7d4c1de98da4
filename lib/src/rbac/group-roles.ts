import { mergeGrants } from './merge-rules.ts';
import { CC_ROLE, GATEWAY_ROLE, GATEWAY_TLS_ROLE, RUNTIME_LEADER_ELECTION_ROLE, RUNTIME_ROLE } from './names.ts';
import type { Component, Grant, PlannedRole, RbacScope } from './rbac-model.ts';
import { compareStrings } from './verbs.ts';

/**
 * Groups grants into roles (by component, role name and scope) and merges each role's rules.
 * Roles come out cluster-wide first, then by namespace and name. Roles left without rules are
 * dropped, since an empty role grants nothing.
 */
export function groupRoles(grants: readonly Grant[]): PlannedRole[] {
  const byRole = new Map<string, Grant[]>();
  for (const g of grants) {
    const key = `${g.component}\u0000${g.role}\u0000${scopeKey(g.scope)}`;
    const list = byRole.get(key);
    if (list) list.push(g);
    else byRole.set(key, [g]);
  }
  const roles: PlannedRole[] = [];
  for (const list of byRole.values()) {
    const { component, role, scope } = list[0]!;
    const rules = mergeGrants(list);
    if (rules.length > 0) roles.push({ component, name: role, scope, purpose: rolePurpose(component, role, scope), rules });
  }
  return roles.sort((a, b) => compareStrings(sortKey(a), sortKey(b)));
}

function scopeKey(scope: RbacScope): string {
  return scope.type === 'cluster' ? '' : scope.namespace;
}

function sortKey(role: PlannedRole): string {
  const rank = { runtime: 0, gateway: 1, cc: 2 }[role.component];
  return `${rank}\u0000${role.scope.type === 'cluster' ? '0' : `1${role.scope.namespace}`}\u0000${role.name}`;
}

/** A few words on what a role is for, for reports and the role's annotation. */
export function rolePurpose(component: Component, role: string, scope: RbacScope): string {
  if (component === 'runtime' && role === RUNTIME_LEADER_ELECTION_ROLE) return 'runtime leader election';
  if (component === 'runtime' && role === RUNTIME_ROLE) {
    return scope.type === 'cluster'
      ? 'runtime: custom resources, children, events and CRD checks cluster-wide'
      : `runtime: custom resources and children in namespace ${scope.namespace}`;
  }
  if (component === 'gateway' && role === GATEWAY_ROLE) return 'gateway: its admission webhook configurations';
  if (component === 'gateway' && role === GATEWAY_TLS_ROLE) return 'gateway: its TLS Secret';
  if (component === 'cc' && role === CC_ROLE) return `Control Center: read the custom resources it shows${scope.type === 'namespace' ? ` in namespace ${scope.namespace}` : ''}`;
  return `${component}: ${role}`;
}

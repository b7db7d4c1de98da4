import { mergeGrants } from './merge-rules.ts';
import { KATALOG_CONFIG_MAP } from './names.ts';
import { plannedComponents, type RbacPlan } from './plan-rbac.ts';
import type { Component, Grant, PlannedRule, RbacScope } from './rbac-model.ts';
import { compareStrings } from './verbs.ts';

type Atom = Omit<Grant, 'component' | 'role'>;

/** The ValidatingAdmissionPolicies of a policy-mode bundle (policies and bindings share names), and the kinds they read as parameters. */
export interface PolicyObjects {
  readonly names: readonly string[];
  readonly params: readonly { readonly policy: string; readonly apiGroup: string; readonly resource: string }[];
}

const NO_POLICIES: PolicyObjects = { names: [], params: [] };

/** What the person applying the bundle must hold, per scope, cluster-wide first. */
export interface InstallerNeeds {
  readonly scopes: readonly { readonly scope: RbacScope; readonly rules: readonly PlannedRule[] }[];
}

/**
 * What applying the bundle needs: get/create/patch on its own objects (kubectl apply reads,
 * creates, and patches on re-apply), and every permission the bundle grants, at the same scope,
 * because the API server refuses to grant what the granter lacks (unless the granter holds
 * escalate and bind). Covers the given components, by default every planned one.
 */
export function installerNeeds(plan: RbacPlan, components: readonly Component[] = plannedComponents(plan), policies: PolicyObjects = NO_POLICIES): InstallerNeeds {
  const atoms: Atom[] = [];
  const cluster: RbacScope = { type: 'cluster' };
  const install: RbacScope = { type: 'namespace', namespace: plan.namespace };
  const apply = (scope: RbacScope, apiGroup: string, resource: string, kind: string, names: readonly string[]): void => {
    if (names.length === 0) return;
    const list = names.join(', ');
    atoms.push({ scope, apiGroup, resource, verbs: ['create'], reason: `apply the bundle: create ${kind} ${list}` });
    atoms.push({ scope, apiGroup, resource, verbs: ['get', 'patch'], resourceNames: [...names], reason: `apply the bundle: read and patch ${kind} ${list} on re-apply` });
  };
  apply(cluster, '', 'namespaces', 'Namespace', [plan.namespace]);
  apply(install, '', 'serviceaccounts', 'ServiceAccount', components.map((c) => plan.components[c].serviceAccount));
  if (components.includes('runtime') || components.includes('gateway')) apply(install, '', 'configmaps', 'ConfigMap', [KATALOG_CONFIG_MAP]);
  // Issue 15, policy mode: the policies and bindings are bundle objects too.
  if (components.includes('gateway')) {
    apply(cluster, 'admissionregistration.k8s.io', 'validatingadmissionpolicies', 'ValidatingAdmissionPolicy', policies.names);
    apply(cluster, 'admissionregistration.k8s.io', 'validatingadmissionpolicybindings', 'ValidatingAdmissionPolicyBinding', policies.names);
    for (const p of policies.params) {
      // kube-apiserver's admissionregistration strategies: a policy with a paramKind needs `get` on
      // every object of that kind, a binding whose paramRef selects (no name) needs `list`.
      atoms.push({ scope: cluster, apiGroup: p.apiGroup, resource: p.resource, verbs: ['get'], reason: `apply the bundle: the API server lets only who may get every ${p.resource} object create a policy taking them as parameters (${p.policy})` });
      atoms.push({ scope: cluster, apiGroup: p.apiGroup, resource: p.resource, verbs: ['list'], reason: `apply the bundle: the API server lets only who may list ${p.resource} in every namespace create a binding that selects them as parameters (${p.policy})` });
    }
  }
  const roles = components.flatMap((c) => plan.components[c].roles);
  const rbacGroup = 'rbac.authorization.k8s.io';
  const namesIn = (scope: RbacScope): string[] => [...new Set(roles.filter((r) => sameScope(r.scope, scope)).map((r) => r.name))].sort(compareStrings);
  apply(cluster, rbacGroup, 'clusterroles', 'ClusterRole', namesIn(cluster));
  apply(cluster, rbacGroup, 'clusterrolebindings', 'ClusterRoleBinding', namesIn(cluster));
  for (const ns of [...new Set(roles.flatMap((r) => (r.scope.type === 'namespace' ? [r.scope.namespace] : [])))].sort(compareStrings)) {
    const scope: RbacScope = { type: 'namespace', namespace: ns };
    apply(scope, rbacGroup, 'roles', 'Role', namesIn(scope));
    apply(scope, rbacGroup, 'rolebindings', 'RoleBinding', namesIn(scope));
  }
  for (const role of roles) {
    const kind = role.scope.type === 'cluster' ? 'ClusterRole' : 'Role';
    for (const r of role.rules) {
      for (const apiGroup of r.rule.apiGroups) {
        for (const resource of r.rule.resources) {
          atoms.push({
            scope: role.scope, apiGroup, resource, verbs: r.rule.verbs,
            ...(r.rule.resourceNames ? { resourceNames: r.rule.resourceNames } : {}),
            reason: `held to grant it in ${kind} ${role.name} (the API server refuses to grant what the granter lacks)`,
            ...(r.critical ? { critical: true } : {}),
          });
        }
      }
    }
  }
  const byScope = new Map<string, { scope: RbacScope; atoms: Atom[] }>();
  for (const a of atoms) {
    const key = a.scope.type === 'cluster' ? '' : `ns:${a.scope.namespace}`;
    const entry = byScope.get(key) ?? { scope: a.scope, atoms: [] };
    entry.atoms.push(a);
    byScope.set(key, entry);
  }
  const scopes = [...byScope.entries()].sort(([a], [b]) => compareStrings(a, b)).map(([, e]) => ({ scope: e.scope, rules: mergeGrants(e.atoms) }));
  return { scopes };
}

function sameScope(a: RbacScope, b: RbacScope): boolean {
  return a.type === 'cluster' ? b.type === 'cluster' : b.type === 'namespace' && a.namespace === b.namespace;
}

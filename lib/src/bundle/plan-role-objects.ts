import type { KubeObject } from '../children/kube-object.ts';
import { ROLE_PURPOSE_ANNOTATION, RULE_REASONS_ANNOTATION } from '../rbac/names.ts';
import type { PlannedRole, PolicyRule } from '../rbac/rbac-model.ts';
import { bundleLabels, partOf } from './bundle-labels.ts';

const RBAC_API = 'rbac.authorization.k8s.io/v1';

/**
 * Builds a planned role as a ClusterRole or Role, and the binding that gives it to the
 * component's ServiceAccount. The binding has the role's name.
 */
export function planRoleObjects(role: PlannedRole, serviceAccount: string, installNamespace: string): [KubeObject, KubeObject] {
  const cluster = role.scope.type === 'cluster';
  const namespace = role.scope.type === 'namespace' ? { namespace: role.scope.namespace } : {};
  const labels = bundleLabels(partOf(role.component));
  const roleObject: KubeObject = {
    apiVersion: RBAC_API,
    kind: cluster ? 'ClusterRole' : 'Role',
    metadata: {
      name: role.name,
      ...namespace,
      labels,
      annotations: {
        [ROLE_PURPOSE_ANNOTATION]: role.purpose,
        [RULE_REASONS_ANNOTATION]: renderRuleReasons(role),
      },
    },
    rules: role.rules.map((r) => policyRuleObject(r.rule)),
  };
  const binding: KubeObject = {
    apiVersion: RBAC_API,
    kind: cluster ? 'ClusterRoleBinding' : 'RoleBinding',
    metadata: { name: role.name, ...namespace, labels: bundleLabels(partOf(role.component)) },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: roleObject.kind, name: role.name },
    subjects: [{ kind: 'ServiceAccount', name: serviceAccount, namespace: installNamespace }],
  };
  return [roleObject, binding];
}

/** A PolicyRule as plain JSON, fields in the order people write them. */
export function policyRuleObject(rule: PolicyRule): Record<string, string[]> {
  return {
    apiGroups: [...rule.apiGroups],
    resources: [...rule.resources],
    ...(rule.resourceNames ? { resourceNames: [...rule.resourceNames] } : {}),
    verbs: [...rule.verbs],
  };
}

/**
 * The reasons annotation: a JSON array aligned with `rules`, one line per rule, so it is
 * machine-readable and still reviewable in a git diff (YAML prints it as a block).
 */
export function renderRuleReasons(role: PlannedRole): string {
  const lines = role.rules.map((r) => {
    const reasons = r.critical ? ['CRITICAL: lets the holder grant permissions it does not hold', ...r.reasons] : r.reasons;
    return `  [${reasons.map((x) => JSON.stringify(x)).join(', ')}]`;
  });
  return `[\n${lines.join(',\n')}\n]`;
}

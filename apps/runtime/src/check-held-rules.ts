// What the runtime may do, asked of the API server (issue 19): one SelfSubjectRulesReview per
// namespace. Every authenticated identity may create one (system:basic-user), so this needs no
// rule in the bundle.
import type { PolicyRule } from '@orkestra/lib';
import type { Cluster, Resource } from '@orkestra/lib/ports';

const RULES_REVIEW: Resource = { group: 'authorization.k8s.io', version: 'v1', resource: 'selfsubjectrulesreviews', namespaced: false };

/** Rules per namespace, or the first failure as one line. */
export async function reviewHeldRules(cluster: Cluster, namespaces: readonly string[]): Promise<Map<string, PolicyRule[]> | { readonly error: string }> {
  const held = new Map<string, PolicyRule[]>();
  for (const namespace of namespaces) {
    const review = await cluster.create(RULES_REVIEW, {
      apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview', metadata: { name: '' }, spec: { namespace },
    });
    if (!review.ok) return { error: `SelfSubjectRulesReview in ${namespace}: ${review.error.type}: ${review.error.message}` };
    const status = review.value['status'] as { resourceRules?: unknown } | undefined;
    const rules = Array.isArray(status?.resourceRules) ? status.resourceRules.map(toRule) : [];
    held.set(namespace, rules);
  }
  return held;
}

function toRule(raw: unknown): PolicyRule {
  const r = (raw ?? {}) as Record<string, unknown>;
  const list = (value: unknown): string[] => (Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : []);
  const names = list(r['resourceNames']);
  return { apiGroups: list(r['apiGroups']), resources: list(r['resources']), verbs: list(r['verbs']), ...(names.length > 0 ? { resourceNames: names } : {}) };
}

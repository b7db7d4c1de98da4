import type { PolicyRule } from '@orkestra/lib';
import { kubectlJson } from './kubectl.ts';
import { ruleAtoms } from './rbac-atoms.ts';

interface RulesReview {
  status: { resourceRules: PolicyRule[]; incomplete: boolean; evaluationError?: string };
}

/** What the API server says the token may do in `namespace` (SelfSubjectRulesReview), as atoms. */
export function selfRules(token: string, namespace: string): Set<string> {
  const review = kubectlJson<RulesReview>(['create', '--validate=false', '-f', '-'], {
    token,
    input: JSON.stringify({ apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview', spec: { namespace } }),
  });
  if (review.status.incomplete) throw new Error(`rules review incomplete: ${review.status.evaluationError ?? ''}`);
  return ruleAtoms(review.status.resourceRules);
}

import { kubectlJson } from './kubectl.ts';
import type { RuleAtom } from './rbac-atoms.ts';

interface Review {
  status?: { allowed?: boolean; denied?: boolean; reason?: string; evaluationError?: string };
}

/**
 * What the API server answers for the token on one atom (SelfSubjectAccessReview, as
 * `kubectl auth can-i` sends it, but with the exact group, subresource and name).
 * `namespace` is ignored by the server for cluster-scoped resources.
 */
export function canI(token: string, atom: RuleAtom, namespace: string): boolean {
  const [resource, subresource] = atom.resource.split('/');
  const review = kubectlJson<Review>(['create', '--validate=false', '-f', '-'], {
    token,
    input: JSON.stringify({
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      spec: {
        resourceAttributes: {
          group: atom.group, resource, verb: atom.verb, namespace,
          ...(subresource !== undefined ? { subresource } : {}),
          ...(atom.name !== undefined ? { name: atom.name } : {}),
        },
      },
    }),
  });
  return review.status?.allowed === true;
}

import type { Katalog } from '../katalog/model.ts';
import { CC_ROLE } from './names.ts';
import { crdScope } from './plan-runtime-grants.ts';
import type { GrantPlan } from './rbac-findings.ts';

/**
 * Plans the Control Center's grants (issue 12): the runtime shows a CR through its HTTP API only
 * to a caller who may read it (TokenReview and SubjectAccessReview of the caller's token), and the
 * Control Center calls it with its own ServiceAccount token. So the Control Center holds what a
 * reader of the CRs would: `list` for the CR lists, `get` for a CR's page, per enabled CRD, in
 * the CRD's namespace where it is confined to one. It never calls the API server itself.
 */
export function planCcGrants(katalog: Katalog): GrantPlan {
  const plan: GrantPlan = { grants: [], findings: [], notes: [] };
  for (const crd of katalog.crds) {
    if (!crd.enabled) continue;
    const base = { component: 'cc', role: CC_ROLE, crd: crd.name, scope: crdScope(crd), apiGroup: crd.group, resource: crd.plural } as const;
    plan.grants.push(
      { ...base, verbs: ['list'], reason: `${crd.name}: show the ${crd.kind} list (the runtime's /katalog/${crd.name}/cr asks a SubjectAccessReview for list with the Control Center's token)` },
      { ...base, verbs: ['get'], reason: `${crd.name}: show one ${crd.kind} with its status and Events (the runtime's /katalog/${crd.name}/cr/... asks a SubjectAccessReview for get)` },
    );
  }
  return plan;
}

import type { CrdEntry, ChildItem, Katalog } from '../katalog/model.ts';
import { childTarget, ownedByCr, type ChildTarget } from './child-target.ts';
import { RUNTIME_LEADER_ELECTION_ROLE, RUNTIME_LEASE, RUNTIME_ROLE } from './names.ts';
import type { GrantPlan } from './rbac-findings.ts';
import type { Grant, RbacScope } from './rbac-model.ts';
import { planChildGrants } from './plan-child-grants.ts';

const CLUSTER: RbacScope = { type: 'cluster' };

/**
 * Plans the runtime's grants (DESIGN §4, spec/rbac.md): per enabled CRD its resource, status,
 * finalizers, events and CRD startup check; per child item server-side apply and drift watch;
 * and the leader-election Lease in the install namespace.
 */
export function planRuntimeGrants(katalog: Katalog, installNamespace: string): GrantPlan {
  const plan: GrantPlan = { grants: [], findings: [], notes: [] };
  const leases = (verbs: string[], reason: string, names?: string[]): void => {
    plan.grants.push({
      component: 'runtime', role: RUNTIME_LEADER_ELECTION_ROLE, scope: { type: 'namespace', namespace: installNamespace },
      apiGroup: 'coordination.k8s.io', resource: 'leases', verbs, ...(names ? { resourceNames: names } : {}), reason,
    });
  };
  leases(['create'], `leader election: create the Lease ${RUNTIME_LEASE} on first start (create cannot be limited by name)`);
  leases(['get', 'update'], `leader election: read and renew the Lease ${RUNTIME_LEASE}`, [RUNTIME_LEASE]);
  for (const crd of katalog.crds) if (crd.enabled) planCrd(crd, plan);
  // Issue 12: the HTTP API shows a CR only to a caller the API server vouches for.
  if (katalog.crds.some((c) => c.enabled)) {
    plan.grants.push(
      { component: 'runtime', role: RUNTIME_ROLE, scope: CLUSTER, apiGroup: 'authentication.k8s.io', resource: 'tokenreviews', verbs: ['create'], reason: 'HTTP API: check the bearer token of a caller asking for custom resources (TokenReview)' },
      { component: 'runtime', role: RUNTIME_ROLE, scope: CLUSTER, apiGroup: 'authorization.k8s.io', resource: 'subjectaccessreviews', verbs: ['create'], reason: 'HTTP API: show a caller only the custom resources it may get or list (SubjectAccessReview)' },
    );
  }
  return plan;
}

/** Where a CRD's own rules go: a Role in its namespace when it watches only that namespace. */
export function crdScope(crd: CrdEntry): RbacScope {
  return crd.scope === 'Namespaced' && crd.namespace !== undefined ? { type: 'namespace', namespace: crd.namespace } : CLUSTER;
}

function planCrd(crd: CrdEntry, plan: GrantPlan): void {
  const scope = crdScope(crd);
  const grant = (g: Omit<Grant, 'component' | 'role' | 'crd'>): void => {
    plan.grants.push({ component: 'runtime', role: RUNTIME_ROLE, crd: crd.name, ...g });
  };
  const name = crd.name;
  const fqName = `${crd.plural}.${crd.group}`;
  if (scope.type === 'namespace') {
    plan.findings.push({ code: 'ORK2005', path: [...crd.path, 'namespace'], message: `${name} watches only namespace ${scope.namespace}, so its permissions are a Role there` });
  }
  grant({ scope, apiGroup: crd.group, resource: crd.plural, verbs: ['list', 'watch'], reason: `${name}: list and watch ${crd.kind} objects (the runtime's informer; it reads them from its cache, never with get)` });
  grant({ scope, apiGroup: crd.group, resource: crd.plural, verbs: ['patch'], reason: `${name}: add and remove the runtime's finalizer on ${crd.kind} objects (a patch; the runtime never updates them)` });
  grant({ scope, apiGroup: crd.group, resource: `${crd.plural}/status`, verbs: ['patch'], reason: `${name}: write status (Ready condition, observedGeneration, status fields) with a patch to /status` });
  const children = [...crd.children, ...(crd.onDelete?.groups.flatMap((g) => g.items) ?? [])]
    .map((item) => ({ item, target: childTarget(item) }))
    .filter((c): c is { item: ChildItem; target: ChildTarget } => c.target !== undefined);
  // ownerReferences carry blockOwnerDeletion: true, which the API server checks as update on
  // <plural>/finalizers of the owner; only owned children need it.
  if (children.some((c) => ownedByCr(crd, c.item, c.target))) {
    grant({ scope, apiGroup: crd.group, resource: `${crd.plural}/finalizers`, verbs: ['update'], reason: `${name}: set blockOwnerDeletion in children's ownerReferences (checked as update on ${crd.plural}/finalizers where OwnerReferencesPermissionEnforcement is on)` });
  }
  // The runtime writes events.k8s.io/v1 Events, one create each (no series, so no patch), and never core ones.
  grant({ scope, apiGroup: 'events.k8s.io', resource: 'events', verbs: ['create'], reason: `${name}: record Events about ${crd.kind} objects` });
  grant({ scope: CLUSTER, apiGroup: 'apiextensions.k8s.io', resource: 'customresourcedefinitions', verbs: ['get'], resourceNames: [fqName], reason: `${name}: check that CRD ${fqName} is installed (polled with get until it appears, and while running so /health sees it deleted)` });
  planChildGrants(crd, scope, children, plan);
  planObserveGrants(crd, scope, plan);
}

// issue 14: observe.watch lists and watches objects the CRs do not own (metadata only, never get);
// a watch of one named object is restricted to that name (the API server authorizes a list or
// watch with the field selector metadata.name against resourceNames).
function planObserveGrants(crd: CrdEntry, crdScope: RbacScope, plan: GrantPlan): void {
  crd.observe.forEach((w, i) => {
    const scope: RbacScope = !w.namespaced ? CLUSTER : w.namespace !== undefined ? { type: 'namespace', namespace: w.namespace } : crdScope;
    const which = w.name !== undefined ? `the ${w.kind} ${w.name}` : `${w.kind} objects`;
    const route = w.keyFrom.type === 'label' ? `the ${crd.kind} their label ${w.keyFrom.label} names` : `the ${crd.kind} ${w.keyFrom.name}`;
    plan.grants.push({
      component: 'runtime', role: RUNTIME_ROLE, crd: crd.name, scope, apiGroup: w.group, resource: w.resource, verbs: ['list', 'watch'],
      ...(w.name !== undefined ? { resourceNames: [w.name] } : {}),
      reason: `${crd.name} observe.watch[${i}]: list and watch ${which} (metadata only) to reconcile ${route} when they change`,
    });
    if (w.inferred) plan.findings.push({ code: 'ORK2003', path: [...w.path, 'kind'], message: `${crd.name} observe.watch[${i}]: plural "${w.resource}" guessed from kind ${w.kind}` });
  });
}

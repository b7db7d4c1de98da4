import type { ChildItem, CrdEntry } from '../katalog/model.ts';
import { childPlacement, ownedByCr, type ChildTarget } from './child-target.ts';
import { pruneReason } from '../katalog/prune-reason.ts';
import { RUNTIME_ROLE } from './names.ts';
import type { GrantPlan } from './rbac-findings.ts';
import type { Grant, RbacScope } from './rbac-model.ts';

const CLUSTER: RbacScope = { type: 'cluster' };
const RBAC_GROUP = 'rbac.authorization.k8s.io';

/**
 * Plans the grants for a CRD's children: server-side apply and drift watch on every child
 * kind; delete where owner references cannot clean up (cluster-scoped children of a namespaced
 * CR, and its children placed in another namespace); the critical escalate/bind when the
 * children are RBAC objects.
 */
export function planChildGrants(crd: CrdEntry, crdScope: RbacScope,
                                children: readonly { item: ChildItem; target: ChildTarget }[], plan: GrantPlan): void {
  const seen = new Set<string>();
  for (const { item, target } of children) {
    const scope = childScope(crd, crdScope, item, target, plan);
    const label = `${crd.name} ${item.phase}.${item.key}${item.key === 'custom' ? ` (${target.kind})` : ''}`;
    const grant = (g: Pick<Grant, 'verbs' | 'reason'> & Partial<Grant>): void => {
      plan.grants.push({ component: 'runtime', role: RUNTIME_ROLE, crd: crd.name, scope, apiGroup: target.group, resource: target.resource, ...g });
    };
    // Server-side apply is checked as patch, plus create when the object is absent; the drift
    // watch is list and watch. Nothing reads a child with get.
    grant({ verbs: ['list', 'watch', 'create', 'patch'], reason: item.phase === 'onDelete'
      ? `${label}: create (server-side apply) when its ${crd.kind} is deleted, and watch it (list, watch) to wait for it`
      : `${label}: server-side apply (create, patch) and drift watch (list, watch)` });
    // A cluster-scoped CR owns all its children (the garbage collector deletes them): no delete.
    if (!ownedByCr(crd, item, target)) {
      const why = target.namespaced ? 'placed outside its namespace, which owner references cannot reach' : 'cluster-scoped';
      grant({ verbs: ['delete'], reason: `${label}: delete the ${target.kind} when its ${crd.kind} is deleted (${why})` });
    }
    // issue 14: pruning. An owned child whose item can stop producing it is deleted by the runtime;
    // the garbage collector would only take it with its CR.
    const prune = item.phase === 'onDelete' ? undefined : pruneReason(item);
    if (prune) grant({ verbs: ['delete'], reason: `${label}: delete the ${target.kind} when it is no longer desired (${prune})` });
    if (item.key === 'custom' && target.inferred) {
      plan.findings.push({ code: 'ORK2003', path: [...item.path, 'kind'], message: `${label}: plural "${target.resource}" guessed from kind ${target.kind}` });
    }
    if (target.group === '' && target.resource === 'secrets' && scope.type === 'cluster' && once(seen, 'secrets')) {
      plan.notes.push({ crd: crd.name, message: `${crd.name}: manages Secrets while watching every namespace, so the runtime can read every Secret in the cluster; set namespace: on the CRD to confine it` });
    }
    const critical = criticalGrants(item, target, label);
    for (const g of critical) grant(g);
    if (critical.length > 0 && once(seen, `critical:${item.phase}.${item.key}`)) {
      plan.findings.push({ code: 'ORK2001', path: item.path, message: `${label}: the runtime gets ${critical.map((g) => `${g.verbs.join(', ')} on ${g.resource}`).join(' and ')}, so it can grant permissions it does not hold` });
    }
  }
}

function once(seen: Set<string>, key: string): boolean {
  if (seen.has(key)) return false;
  seen.add(key);
  return true;
}

/** The scope of a child's rules: cluster-wide unless both the child kind and the CRD's watch are namespaced. */
function childScope(crd: CrdEntry, crdScope: RbacScope, item: ChildItem, target: ChildTarget, plan: GrantPlan): RbacScope {
  if (!target.namespaced || crdScope.type === 'cluster') return CLUSTER;
  const placement = childPlacement(item);
  if (placement.type === 'cr') return crdScope;
  if (placement.type === 'literal') return { type: 'namespace', namespace: placement.namespace };
  plan.notes.push({ crd: crd.name, message: `${crd.name} ${item.phase}.${item.key}[${item.index}]: namespace is templated, so the runtime needs ${target.resource} cluster-wide although the CRD watches only ${crdScope.namespace}` });
  return CLUSTER;
}

type CriticalGrant = Pick<Grant, 'apiGroup' | 'resource' | 'verbs' | 'reason' | 'critical'> & { resourceNames?: string[] };

/**
 * escalate and bind for RBAC children. escalate is checked against the role being written,
 * whose name a create (POST) does not carry, so it is never name-restricted; bind is checked
 * against the roleRef, so a literal roleRef name restricts it.
 */
function criticalGrants(item: ChildItem, target: ChildTarget, label: string): CriticalGrant[] {
  if (target.group !== RBAC_GROUP) return [];
  const g = (resource: string, verb: 'escalate' | 'bind', reason: string, names?: string[]): CriticalGrant => ({
    apiGroup: RBAC_GROUP, resource, verbs: [verb], ...(names ? { resourceNames: names } : {}), reason, critical: true,
  });
  switch (target.resource) {
    case 'roles':
    case 'clusterroles':
      return [g(target.resource, 'escalate', `${label}: escalate, to write ${target.kind}s granting permissions the runtime does not hold itself`)];
    case 'rolebindings':
    case 'clusterrolebindings': {
      const ref = item.spec['roleRef'];
      const refObj = typeof ref === 'object' && ref !== null ? (ref as Record<string, unknown>) : {};
      const kind = target.resource === 'clusterrolebindings' ? 'ClusterRole' : refObj['kind'] ?? 'Role';
      const name = refObj['name'];
      const names = typeof name === 'string' && !name.includes('{{') ? [name] : undefined;
      // A templated kind could be either, so both are granted.
      const resources = kind === 'Role' ? ['roles'] : kind === 'ClusterRole' ? ['clusterroles'] : ['clusterroles', 'roles'];
      return resources.map((resource) => {
        const what = names ? `${resource === 'roles' ? 'Role' : 'ClusterRole'} ${names[0]}` : resource;
        return g(resource, 'bind', `${label}: bind, to bind ${what} without holding its permissions`, names);
      });
    }
    default:
      return [];
  }
}

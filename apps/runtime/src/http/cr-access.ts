// The routes that return a CR's spec or status (its list, its detail, its Events) answer only a
// caller the API server vouches for, and only with the CRs that caller may read (issue 12, finding
// 6: anyone who could reach :8080 read every CR of every namespace, around namespace RBAC). The
// pattern is controller-runtime's secure metrics filter: the bearer token is checked with a
// TokenReview, the access with a SubjectAccessReview. Probes, /metrics and /katalog stay open.
import type { KatalogRoute } from './match-route.ts';
import type { CrdInfo, RuntimeView } from './runtime-view-contract.ts';
import { answerKatalogRoute } from './katalog-routes.ts';
import { errorReply, type Reply } from './reply.ts';

/** Who the API server says a token belongs to. */
export interface Caller {
  readonly username: string;
  readonly uid?: string;
  readonly groups: readonly string[];
  readonly extra?: Readonly<Record<string, readonly string[]>>;
}

/** One access question, as a SubjectAccessReview's resourceAttributes ask it. */
export interface AccessQuestion {
  readonly verb: 'get' | 'list';
  readonly group: string;
  readonly resource: string;
  /** Undefined: every namespace (a namespaced resource) or none (a cluster-scoped one). */
  readonly namespace?: string;
  readonly name?: string;
}

/** What the runtime asks the API server; both answers are cached by the implementation. */
export interface CrAccess {
  /** The caller behind a bearer token; `unavailable` when the API server could not say. */
  authenticate(token: string): Promise<{ readonly type: 'caller'; readonly caller: Caller } | { readonly type: 'invalid' | 'unavailable'; readonly message: string }>;
  /** Whether `caller` may do what `question` asks; `unavailable` when the API server could not say. */
  allowed(caller: Caller, question: AccessQuestion): Promise<boolean | 'unavailable'>;
}

/** Answers a CR route (`cr-list`, `cr`, `cr-events`) for the caller behind `authorization`. */
export async function answerGuardedCrRoute(route: Extract<KatalogRoute, { type: 'cr-list' | 'cr' | 'cr-events' }>, view: RuntimeView, access: CrAccess, authorization: string | undefined): Promise<Reply> {
  const leader = view.isLeader();
  const info = view.crd(route.crd);
  // Unknown CRDs answer 404 unauthenticated: the Katalog is public (/katalog), its CRs are not.
  if (!info) return answerKatalogRoute(route, view);
  const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  if (token === undefined) return unauthorized(leader, 'this route returns custom resources: send "Authorization: Bearer <token>" (a ServiceAccount token)');
  const who = await access.authenticate(token);
  if (who.type !== 'caller') {
    return who.type === 'invalid' ? unauthorized(leader, `the token was not accepted: ${who.message}`) : errorReply(503, 'unavailable', `cannot check the token: ${who.message}`, leader);
  }
  const caller = who.caller;
  const ask = (q: Omit<AccessQuestion, 'group' | 'resource'>) => access.allowed(caller, { group: info.group, resource: info.plural, ...q });

  if (route.type === 'cr-list') {
    const list = view.crs(info.name);
    if (!list) return answerKatalogRoute(route, view);
    // One question for every namespace first; only when that is refused, one per namespace listed.
    const all = await ask({ verb: 'list' });
    if (all === 'unavailable') return unavailable(leader);
    if (all) return answerKatalogRoute(route, view);
    if (!info.namespaced) return forbidden(leader, caller, 'list', info, undefined);
    const namespaces = [...new Set(list.items.map((i) => i.namespace).filter((n): n is string => n !== undefined))];
    const answers = await Promise.all(namespaces.map((namespace) => ask({ verb: 'list', namespace })));
    if (answers.includes('unavailable')) return unavailable(leader);
    const visible = new Set(namespaces.filter((_, i) => answers[i] === true));
    return answerKatalogRoute(route, view, (item) => item.namespace !== undefined && visible.has(item.namespace));
  }
  const namespace = info.namespaced ? route.namespace : undefined;
  // `/cr/{name}/events` of a cluster-scoped CRD arrives as a `cr` route with the name in `namespace`.
  const name = !info.namespaced && route.type === 'cr' && route.namespace !== undefined && route.name === 'events' ? route.namespace : route.name;
  const may = await ask({ verb: 'get', ...(namespace !== undefined ? { namespace } : {}), name });
  if (may === 'unavailable') return unavailable(leader);
  if (!may) return forbidden(leader, caller, 'get', info, namespace);
  return answerKatalogRoute(route, view);
}

function unauthorized(leader: boolean, message: string): Reply {
  return { ...errorReply(401, 'unauthorized', message, leader), headers: { 'www-authenticate': 'Bearer' } };
}

function unavailable(leader: boolean): Reply {
  return errorReply(503, 'unavailable', 'cannot check access: the API server did not answer the SubjectAccessReview', leader);
}

function forbidden(leader: boolean, caller: Caller, verb: string, info: CrdInfo, namespace: string | undefined): Reply {
  const where = namespace !== undefined ? ` in namespace ${namespace}` : info.namespaced ? ' in every namespace' : '';
  return errorReply(403, 'forbidden', `${caller.username} may not ${verb} ${info.plural}.${info.group}${where}`, leader);
}

// CrAccess over the API server: a TokenReview says who a bearer token is, a SubjectAccessReview
// whether that caller may read the CRs asked for (controller-runtime's secure-metrics filter, for
// CR routes). Answers are cached briefly, so a Control Center polling every few seconds costs
// a review only now and then, and the caches are bounded, so random tokens cannot grow them.
import { createHash } from 'node:crypto';
import type { Clock, Cluster, Resource } from '@orkestra/lib/ports';
import type { AccessQuestion, Caller, CrAccess } from './http/index.ts';

const TOKEN_REVIEWS: Resource = { group: 'authentication.k8s.io', version: 'v1', resource: 'tokenreviews', namespaced: false };
const ACCESS_REVIEWS: Resource = { group: 'authorization.k8s.io', version: 'v1', resource: 'subjectaccessreviews', namespaced: false };

/** How long answers are reused: kube-rbac-proxy's order of magnitude, short enough for revoked access to end soon. */
export const ACCESS_CACHE = { acceptedMs: 60_000, refusedMs: 10_000, maxEntries: 1000 } as const;

interface Entry<T> {
  readonly value: T;
  readonly untilMs: number;
}

/** CrAccess for `cluster`, caching by token and by caller and question. */
export function kubeCrAccess(cluster: Pick<Cluster, 'create'>, clock: Clock, onError: (review: string, message: string) => void = () => undefined): CrAccess {
  const tokens = new Map<string, Entry<Caller | string>>();
  const answers = new Map<string, Entry<boolean>>();
  return {
    async authenticate(token) {
      // Keyed by a digest: the cache holds no usable credential.
      const key = createHash('sha256').update(token).digest('base64');
      const hit = fresh(tokens, key, clock);
      if (hit !== undefined) return typeof hit === 'string' ? { type: 'invalid', message: hit } : { type: 'caller', caller: hit };
      const r = await cluster.create(TOKEN_REVIEWS, { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', metadata: {}, spec: { token } } as never);
      if (!r.ok) {
        onError('TokenReview', r.error.message);
        return { type: 'unavailable', message: r.error.message };
      }
      const status = (r.value as { status?: { authenticated?: boolean; error?: string; user?: { username?: string; uid?: string; groups?: string[]; extra?: Record<string, string[]> } } }).status;
      if (!status?.authenticated || !status.user?.username) {
        const message = status?.error || 'the API server does not know this token';
        remember(tokens, key, message, clock.now() + ACCESS_CACHE.refusedMs);
        return { type: 'invalid', message };
      }
      const u = status.user;
      const caller: Caller = { username: u.username!, groups: u.groups ?? [], ...(u.uid ? { uid: u.uid } : {}), ...(u.extra ? { extra: u.extra } : {}) };
      remember(tokens, key, caller, clock.now() + ACCESS_CACHE.acceptedMs);
      return { type: 'caller', caller };
    },

    async allowed(caller, question) {
      const key = JSON.stringify([caller.username, caller.uid, caller.groups, question]);
      const hit = fresh(answers, key, clock);
      if (hit !== undefined) return hit;
      const r = await cluster.create(ACCESS_REVIEWS, {
        apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview', metadata: {},
        spec: { user: caller.username, groups: caller.groups, ...(caller.uid ? { uid: caller.uid } : {}), ...(caller.extra ? { extra: caller.extra } : {}), resourceAttributes: attributes(question) },
      } as never);
      if (!r.ok) {
        onError('SubjectAccessReview', r.error.message);
        return 'unavailable';
      }
      const allowed = (r.value as { status?: { allowed?: boolean } }).status?.allowed === true;
      remember(answers, key, allowed, clock.now() + (allowed ? ACCESS_CACHE.acceptedMs : ACCESS_CACHE.refusedMs));
      return allowed;
    },
  };
}

function attributes(q: AccessQuestion): Record<string, string> {
  return { verb: q.verb, group: q.group, resource: q.resource, ...(q.namespace !== undefined ? { namespace: q.namespace } : {}), ...(q.name !== undefined ? { name: q.name } : {}) };
}

function fresh<T>(cache: Map<string, Entry<T>>, key: string, clock: Clock): T | undefined {
  const e = cache.get(key);
  if (!e) return undefined;
  if (e.untilMs > clock.now()) return e.value;
  cache.delete(key);
  return undefined;
}

function remember<T>(cache: Map<string, Entry<T>>, key: string, value: T, untilMs: number): void {
  // Oldest first out: a flood of bad tokens evicts itself, never the memory.
  if (cache.size >= ACCESS_CACHE.maxEntries) cache.delete(cache.keys().next().value!);
  cache.set(key, { value, untilMs });
}

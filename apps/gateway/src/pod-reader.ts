// Reads the Pod an eviction names (spec/gateway.md §2): one GET per eviction, bounded in time (an
// answer must leave room inside the review's budget) and in concurrency (a flood of evictions
// cannot pile up requests to the API server). Every failure becomes a `failed` lookup, which lib
// answers by failurePolicy; a 403 is logged with the API server's own words so an RBAC gap shows.
import type { Cluster, Logger } from '@orkestra/lib/ports';
import type { ReadPod } from './admission.ts';

const PODS = { group: '', version: 'v1', resource: 'pods', namespaced: true } as const;

/** How long and how many at once. */
export interface PodReaderLimits {
  readonly timeoutMs: number;
  readonly maxInFlight: number;
}

/** Half the review budget for the read, the rest for everything around it. */
export const POD_READER_LIMITS: PodReaderLimits = { timeoutMs: 1_000, maxInFlight: 32 };

/** A ReadPod over the Cluster port. */
export function podReader(cluster: Pick<Cluster, 'get'>, log: Logger, limits: PodReaderLimits = POD_READER_LIMITS): ReadPod {
  let inFlight = 0;
  return async (namespace, name) => {
    if (inFlight >= limits.maxInFlight) return { type: 'failed', message: `${limits.maxInFlight} Pod reads already in flight` };
    inFlight++;
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<'timeout'>((resolve) => { timer = setTimeout(() => resolve('timeout'), limits.timeoutMs); });
      const r = await Promise.race([cluster.get({ resource: PODS, namespace, name }), timeout]);
      if (r === 'timeout') return { type: 'failed', message: `no answer from the API server in ${limits.timeoutMs} ms` };
      if (r.ok) return { type: 'found', labels: { ...(r.value.metadata.labels ?? {}) } };
      if (r.error.type === 'not-found') return { type: 'not-found' };
      log.warn('cannot read the Pod of an eviction', { namespace, name, err: r.error.message, status: r.error.status });
      return { type: 'failed', message: r.error.message };
    } finally {
      clearTimeout(timer);
      inFlight--;
    }
  };
}

import { retryForLeader } from '@orkestra/lib/control-center';
import { getJson, type GetResult } from './get-json.ts';

/**
 * GETs `url` from a runtime, asking again (up to LEADER_ATTEMPTS in all) while a follower answers
 * (`isLeader: false` in the body, error bodies included): only the leader reconciles, so its
 * counters and Events are the ones worth showing. The last answer is returned either way.
 */
export async function getPreferLeader(url: string, timeoutMs: number, get: typeof getJson = getJson): Promise<GetResult> {
  for (let attempt = 1; ; attempt++) {
    const r = await get(url, timeoutMs);
    if (r.type === 'error' || !retryForLeader(leaderFlag(r.body), attempt)) return r;
  }
}

function leaderFlag(body: unknown): boolean | undefined {
  const flag = typeof body === 'object' && body !== null ? (body as { isLeader?: unknown }).isLeader : undefined;
  return typeof flag === 'boolean' ? flag : undefined;
}

import type { RuntimeEntry, Snapshot } from './build-snapshot.ts';

/**
 * Characters of JSON one runtime may take in the snapshot (issue 12: a runtime answering 16 MiB
 * was fanned out to every SSE client and made `/api/snapshot` take seconds). Its `/katalog` answer
 * is capped when polled; this also bounds what its history adds.
 */
export const RUNTIME_SNAPSHOT_BUDGET_CHARS = 1024 * 1024;

/**
 * The snapshot as JSON text, rendered once per poll pass and shared by `/api/snapshot` and every
 * event stream. A runtime whose entry is over `perRuntimeChars` keeps its identity, status and
 * leader flag, and says in `error` that the rest was left out; the detail routes still reach it.
 */
export function renderSnapshot(snapshot: Snapshot, perRuntimeChars: number = RUNTIME_SNAPSHOT_BUDGET_CHARS): string {
  const runtimes = snapshot.runtimes.map((r) => {
    const json = JSON.stringify(r);
    return json.length <= perRuntimeChars ? json : JSON.stringify(overBudget(r, json.length, perRuntimeChars));
  });
  const head = JSON.stringify({ updatedAt: snapshot.updatedAt, refreshSeconds: snapshot.refreshSeconds, stats: snapshot.stats });
  return `${head.slice(0, -1)},"runtimes":[${runtimes.join(',')}]}`;
}

function overBudget(r: RuntimeEntry, chars: number, budget: number): RuntimeEntry {
  return {
    id: r.id, url: r.url, status: r.status,
    ...(r.lastSeen !== undefined ? { lastSeen: r.lastSeen } : {}),
    ...(r.isLeader !== undefined ? { isLeader: r.isLeader } : {}),
    error: `what this runtime reports takes ${chars} characters, over the Control Center's ${budget}-character budget per runtime: its Katalog, gateway and history are left out of the snapshot${r.error !== undefined ? ` (${r.error})` : ''}`,
    ...(r.gateway !== undefined ? { gateway: { endpoint: r.gateway.endpoint, status: r.gateway.status, ...(r.gateway.error !== undefined ? { error: r.gateway.error } : {}) } } : {}),
    history: [],
  };
}

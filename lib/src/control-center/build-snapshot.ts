import type { GatewayView, RuntimeState, RuntimeStatus } from './model.ts';

/** Totals over the runtimes that answered (offline runtimes count only in totalRuntimes). */
export interface SnapshotStats {
  readonly totalRuntimes: number;
  readonly onlineRuntimes: number;
  readonly totalCrds: number;
  readonly healthyCrds: number;
  readonly totalWorkers: number;
  readonly totalResources: number;
  readonly totalQueueDepth: number;
}

/** One history point as JSON: times as RFC 3339. */
export interface SampleJson {
  readonly at: string;
  readonly queueDepth: number;
  readonly totalReconciles: number;
  readonly errors: number;
  readonly crds: Readonly<Record<string, { readonly queueDepth: number; readonly totalReconciles: number }>>;
}

/** One runtime in `/api/snapshot`. */
export interface RuntimeEntry {
  readonly id: string;
  readonly url: string;
  readonly status: RuntimeStatus;
  readonly lastSeen?: string;
  readonly error?: string;
  readonly isLeader?: boolean;
  /** The runtime's `/katalog` body, as returned. */
  readonly katalog?: unknown;
  readonly gateway?: GatewayView;
  readonly history: readonly SampleJson[];
}

/** `/api/snapshot` and every SSE `snapshot` event. */
export interface Snapshot {
  readonly updatedAt: string;
  readonly refreshSeconds: number;
  readonly stats: SnapshotStats;
  readonly runtimes: readonly RuntimeEntry[];
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** Builds the snapshot the API serves from every runtime's state, in ORKESTRA_URLS order. */
export function buildSnapshot(states: readonly RuntimeState[], updatedAtMs: number, refreshMs: number): Snapshot {
  return {
    updatedAt: iso(updatedAtMs),
    refreshSeconds: refreshMs / 1000,
    stats: summarize(states),
    runtimes: states.map((s) => ({
      id: s.id,
      url: s.url,
      status: s.status,
      ...(s.lastSeenMs !== undefined ? { lastSeen: iso(s.lastSeenMs) } : {}),
      ...(s.error !== undefined ? { error: s.error } : {}),
      ...(s.katalog !== undefined ? { isLeader: s.katalog.facts.isLeader, katalog: s.katalog.body } : {}),
      ...(s.gateway !== undefined ? { gateway: s.gateway } : {}),
      history: s.history.map(({ atMs, ...rest }) => ({ at: iso(atMs), ...rest })),
    })),
  };
}

/** The stats line: CRD, worker, resource and queue totals over runtimes that are not offline. */
export function summarize(states: readonly RuntimeState[]): SnapshotStats {
  let totalCrds = 0, healthyCrds = 0, totalWorkers = 0, totalResources = 0, totalQueueDepth = 0;
  for (const s of states) {
    if (s.status === 'offline' || s.katalog === undefined) continue;
    for (const c of s.katalog.facts.crds) {
      if (!c.enabled) continue;
      totalCrds++;
      if (c.state === 'healthy') healthyCrds++;
      totalWorkers += c.workers ?? 0;
      totalResources += c.resourceCount;
      totalQueueDepth += c.queueDepth;
    }
  }
  return {
    totalRuntimes: states.length,
    onlineRuntimes: states.filter((s) => s.status === 'online').length,
    totalCrds, healthyCrds, totalWorkers, totalResources, totalQueueDepth,
  };
}

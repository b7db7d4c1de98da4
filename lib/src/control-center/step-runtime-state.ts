import type { KatalogFacts, PollResult, RuntimeState, Sample } from './model.ts';

/** How long history is kept and how long a leader's answer outlives followers-only polls. */
export interface StatePolicy {
  /** History window (15 minutes in the Control Center). */
  readonly historyMs: number;
  /**
   * A cached leader answer is kept over a follower's for this long (a few refresh intervals):
   * behind a Service a poll may land on a follower several times in a row, yet a runtime whose
   * leader is gone must not show the old leader's numbers for ever.
   */
  readonly leaderStaleMs: number;
}

/** A runtime not polled yet. */
export function initialRuntimeState(id: string, url: string): RuntimeState {
  return { id, url, status: 'starting', history: [] };
}

/**
 * Folds one poll into a runtime's state (API.md, "Runtime status"): a leader's answer replaces
 * the cached one (online, or starting while the runtime is not ready); a follower's is used only
 * when no fresh leader answer is cached (starting); an error keeps the last data, marked offline.
 * History gains a sample per leader answer and is trimmed to the window.
 */
export function stepRuntimeState(previous: RuntimeState, poll: PollResult, nowMs: number, policy: StatePolicy): RuntimeState {
  const { id, url } = previous;
  if (poll.type === 'error') {
    const { error: _error, ...kept } = previous;
    return { ...kept, status: 'offline', error: poll.message, history: trimHistory(previous.history, nowMs, policy.historyMs) };
  }
  const gateway = poll.gateway !== undefined ? { gateway: poll.gateway } : {};
  const answer = poll.katalog;
  if (answer.facts.isLeader) {
    const history = trimHistory([...previous.history, sampleOf(answer.facts, nowMs)], nowMs, policy.historyMs);
    return { id, url, status: answer.facts.ready ? 'online' : 'starting', lastSeenMs: nowMs, katalog: answer, leaderAtMs: nowMs, ...gateway, history };
  }
  const history = trimHistory(previous.history, nowMs, policy.historyMs);
  const leaderAtMs = previous.leaderAtMs;
  if (previous.katalog !== undefined && leaderAtMs !== undefined && nowMs - leaderAtMs <= policy.leaderStaleMs) {
    return { id, url, status: previous.katalog.facts.ready ? 'online' : 'starting', lastSeenMs: nowMs, katalog: previous.katalog, leaderAtMs, ...gateway, history };
  }
  return { id, url, status: 'starting', lastSeenMs: nowMs, katalog: answer, ...gateway, history };
}

/** The totals of one leader answer, enabled CRDs only. */
export function sampleOf(facts: KatalogFacts, atMs: number): Sample {
  let queueDepth = 0, totalReconciles = 0, errors = 0;
  const crds: Record<string, { queueDepth: number; totalReconciles: number }> = {};
  for (const c of facts.crds) {
    if (!c.enabled) continue;
    queueDepth += c.queueDepth;
    totalReconciles += c.totalReconciles;
    errors += Math.round(c.errorRate * c.totalReconciles);
    crds[c.name] = { queueDepth: c.queueDepth, totalReconciles: c.totalReconciles };
  }
  return { atMs, queueDepth, totalReconciles, errors, crds };
}

/** Drops samples older than the window (`atMs <= nowMs - windowMs`); keeps order. */
export function trimHistory(history: readonly Sample[], nowMs: number, windowMs: number): readonly Sample[] {
  const from = history.findIndex((s) => s.atMs > nowMs - windowMs);
  return from === -1 ? [] : from === 0 ? history : history.slice(from);
}

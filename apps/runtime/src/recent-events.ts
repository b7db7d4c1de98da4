// The Events this replica recorded, kept in memory per CR for the HTTP API (`.../events`): the
// runtime's RBAC has create on events and nothing else, so it cannot list them back from the API
// server, and must not (the RBAC ablation proves every rule is needed and none more).
import { formatTime } from '@orkestra/lib/runtime';
import type { CrEvent } from './http/index.ts';

/** Events kept per CR unless told otherwise. */
export const EVENTS_PER_CR = 20;

/** What was recorded, before it gets its time and count. */
export type RecordedEvent = Pick<CrEvent, 'type' | 'reason' | 'note' | 'action'>;

/**
 * The last few Events per CR key (`namespace/name`), newest first. An Event equal to the newest
 * (same type, reason, action and note) is folded into it, as the API server's series would,
 * so a CR failing the same way every backoff step does not push its history out.
 */
export class RecentEvents {
  readonly #max: number;
  readonly #byKey = new Map<string, { readonly event: RecordedEvent; atMs: number; count: number }[]>();

  constructor(max = EVENTS_PER_CR) {
    this.#max = max;
  }

  record(key: string, event: RecordedEvent, atMs: number): void {
    let list = this.#byKey.get(key);
    if (!list) this.#byKey.set(key, (list = []));
    const newest = list[0];
    if (newest && same(newest.event, event)) {
      newest.count++;
      newest.atMs = atMs;
      return;
    }
    list.unshift({ event, atMs, count: 1 });
    if (list.length > this.#max) list.length = this.#max;
  }

  /** The CR's Events, newest first; empty when none were recorded. */
  of(key: string): CrEvent[] {
    return (this.#byKey.get(key) ?? []).map(({ event, atMs, count }) => ({ ...event, at: formatTime(atMs), count }));
  }

  /** Drops a deleted CR's Events. */
  forget(key: string): void {
    this.#byKey.delete(key);
  }

  /** CRs with Events kept (for tests and memory checks). */
  size(): number {
    return this.#byKey.size;
  }
}

function same(a: RecordedEvent, b: RecordedEvent): boolean {
  return a.type === b.type && a.reason === b.reason && a.action === b.action && a.note === b.note;
}

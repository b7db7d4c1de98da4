import type { Clock } from '../ports/clock.ts';

/** A Clock that moves only when told. */
export interface FakeClock extends Clock {
  /** Moves time forward by `ms` (negative values are refused: clocks in tests do not go back). */
  advance(ms: number): void;
  set(nowMs: number): void;
}

/** Creates a FakeClock starting at `startMs` (epoch ms; default 2026-01-01T00:00:00Z). */
export function fakeClock(startMs: number = Date.UTC(2026, 0, 1)): FakeClock {
  let now = startMs;
  return {
    now: () => now,
    advance(ms) {
      if (ms < 0) throw new Error(`fakeClock.advance(${ms}): time does not go back`);
      now += ms;
    },
    set(nowMs) {
      now = nowMs;
    },
  };
}

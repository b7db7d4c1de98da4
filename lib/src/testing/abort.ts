import type { AbortSignalLike } from '../ports/abort-signal.ts';

/** A signal and its trigger, for lib code and tests that cannot see the platform's AbortController. */
export interface Abort {
  readonly signal: AbortSignalLike;
  abort(): void;
}

/** Creates an Abort whose listeners run once, synchronously, on the first `abort()`. */
export function createAbort(): Abort {
  const listeners = new Set<() => void>();
  const signal = {
    aborted: false,
    addEventListener: (_type: 'abort', l: () => void) => void listeners.add(l),
    removeEventListener: (_type: 'abort', l: () => void) => void listeners.delete(l),
  };
  return {
    signal,
    abort() {
      if (signal.aborted) return;
      signal.aborted = true;
      for (const l of [...listeners]) l();
      listeners.clear();
    },
  };
}

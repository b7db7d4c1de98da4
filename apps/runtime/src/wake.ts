/** Lets sleeping workers be woken early: `sleep` resolves after `ms`, on `wake()`, or on abort. */
export class Wake {
  #waiters = new Set<() => void>();

  /** Wakes every sleeper now. */
  wake(): void {
    const waiters = [...this.#waiters];
    this.#waiters.clear();
    for (const w of waiters) w();
  }

  /** Resolves after `ms` (Infinity: only on wake or abort); never rejects. */
  sleep(ms: number, signal: AbortSignal): Promise<void> {
    if (signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        if (timer !== undefined) clearTimeout(timer);
        signal.removeEventListener('abort', done);
        this.#waiters.delete(done);
        resolve();
      };
      // setTimeout overflows past 2^31-1 ms, firing at once: cap long sleeps.
      const timer = Number.isFinite(ms) ? setTimeout(done, Math.max(0, Math.min(ms, 2 ** 31 - 1))) : undefined;
      signal.addEventListener('abort', done, { once: true });
      this.#waiters.add(done);
    });
  }
}

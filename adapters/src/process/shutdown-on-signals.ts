import type { Logger } from '@orkestra/lib/ports';

/** The stop switch of a server app: aborted by the first SIGTERM or SIGINT. */
export interface Shutdown {
  readonly signal: AbortSignal;
  /** The signal that stopped the app (`SIGTERM`, `SIGINT`), or '' while it runs. */
  received(): string;
}

/**
 * Turns the first SIGTERM or SIGINT into an abort (logged once as `shutting down`), so the app's
 * loops end and its shutdown path runs; a second signal changes nothing.
 */
export function shutdownOnSignals(log: Logger, on: (event: 'SIGTERM' | 'SIGINT', listener: () => void) => void): Shutdown {
  const abort = new AbortController();
  let received = '';
  const shutdown = (signal: 'SIGTERM' | 'SIGINT'): void => {
    if (abort.signal.aborted) return;
    received = signal;
    log.info('shutting down', { signal });
    abort.abort();
  };
  on('SIGTERM', () => shutdown('SIGTERM'));
  on('SIGINT', () => shutdown('SIGINT'));
  return { signal: abort.signal, received: () => received };
}

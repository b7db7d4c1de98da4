// The HTTP server reports only the requests it failed (a 500); per-request lines would drown the
// reconcile logs, as probes and scrapes arrive every few seconds from several sources.
import type { HttpLogger } from './http/index.ts';
import type { Logger } from '@orkestra/lib/ports';

/** Writes the server's failed requests as runtime JSON lines: `request failed` with method, url and err. */
export function httpLogger(log: Logger): HttpLogger {
  return {
    requestFailed: (err, { method, url }) =>
      log.error('request failed', { method, url, err: err instanceof Error ? err.message : String(err) }),
  };
}

// Fastify wants a pino-shaped logger; the apps have one JSON-lines format, so a fastify server's few
// lines (rejected bodies, handler failures: per-request logging is off) go through its Logger.
import type { FastifyBaseLogger } from 'fastify';
import type { LogFields, Logger } from '@orkestra/lib/ports';

/** Adapts an app's Logger to the logger fastify expects, keeping the fields it passes. */
export function fastifyLogger(log: Logger): FastifyBaseLogger {
  // pino's call shapes: (msg), (obj, msg), (err, msg).
  const emit = (write: (msg: string, fields?: LogFields) => void) => (first: unknown, second?: unknown): void => {
    if (typeof first === 'string') return write(first);
    const msg = typeof second === 'string' ? second : 'http';
    if (first instanceof Error) return write(msg, { err: first.message });
    const fields: Record<string, string | number | boolean | undefined> = {};
    if (typeof first === 'object' && first !== null) {
      for (const [k, v] of Object.entries(first)) {
        if (v instanceof Error) fields[k] = v.message;
        else if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') fields[k] = v;
      }
    }
    write(msg, fields);
  };
  const logger = {
    level: 'info',
    fatal: emit(log.error), error: emit(log.error), warn: emit(log.warn), info: emit(log.info),
    debug: emit(log.debug), trace: emit(log.debug), silent: () => undefined,
    child: (): FastifyBaseLogger => logger as unknown as FastifyBaseLogger,
  };
  return logger as unknown as FastifyBaseLogger;
}

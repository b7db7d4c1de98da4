// Fastify wants a pino-shaped logger; the runtime has one JSON-lines format, so the server's few
// lines (request failures: per-request logging is off) go through the runtime's Logger instead.
import type { RuntimeServerOptions } from '@orkestra/adapters/http';
import type { LogFields, Logger } from '@orkestra/adapters/app';

type FastifyLogger = NonNullable<RuntimeServerOptions['logger']>;

/** Adapts the runtime's Logger to the logger fastify expects. */
export function httpLogger(log: Logger): FastifyLogger {
  // pino's call shapes: (msg), (obj, msg), (err, msg); only `msg` and an error message are kept.
  const emit = (write: (msg: string, fields?: LogFields) => void) => (first: unknown, second?: unknown): void => {
    if (typeof first === 'string') return write(first);
    const msg = typeof second === 'string' ? second : 'http';
    const err = first instanceof Error ? first : typeof first === 'object' && first !== null && 'err' in first ? (first as { err: unknown }).err : undefined;
    write(msg, err === undefined ? {} : { err: err instanceof Error ? err.message : String(err) });
  };
  const logger = {
    level: 'info',
    fatal: emit(log.error), error: emit(log.error), warn: emit(log.warn), info: emit(log.info),
    debug: emit(log.debug), trace: emit(log.debug), silent: () => undefined,
    child: (): FastifyLogger => logger,
  };
  return logger;
}

import type { Clock } from '@orkestra/lib';

/** The levels of LOG_LEVEL, least severe first. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Structured fields of a log line (DESIGN §6): controller, webhook, namespace, name, reconcileID, rule, err, and more. */
export type LogFields = Readonly<Record<string, string | number | boolean | undefined>>;

/** A JSON-lines logger; `child` adds fields to every line it writes. */
export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** Creates a logger writing one JSON object per line through `write`, dropping lines below `level`. */
export function createLogger(level: LogLevel, clock: Clock, write: (line: string) => void, base: LogFields = {}): Logger {
  const emit = (at: LogLevel) => (msg: string, fields: LogFields = {}): void => {
    if (RANK[at] < RANK[level]) return;
    const line: Record<string, unknown> = { time: new Date(clock.now()).toISOString(), level: at, msg };
    for (const [key, value] of Object.entries({ ...base, ...fields })) if (value !== undefined) line[key] = value;
    write(`${JSON.stringify(line)}\n`);
  };
  return {
    debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error'),
    child: (fields) => createLogger(level, clock, write, { ...base, ...fields }),
  };
}

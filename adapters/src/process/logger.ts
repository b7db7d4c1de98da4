import type { Clock, LogFields, Logger } from '@orkestra/lib/ports';

/** The levels of LOG_LEVEL, least severe first. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** Creates a Logger (the lib port) writing one JSON object per line through `write`, dropping lines below `level`. */
export function createLogger(level: LogLevel, clock: Clock, write: (line: string) => void, base: LogFields = {}): Logger {
  // The gateway writes a line per denial, thousands a second under load: the line is built as a
  // string with the child's fields rendered once, not as an object re-spread on every call. A call
  // whose fields repeat a base or reserved key takes the object path, which keeps JSON's
  // last-wins semantics with the key where it first appeared.
  const baseJson = renderFields(base);
  const emit = (at: LogLevel) => (msg: string, fields: LogFields = {}): void => {
    if (RANK[at] < RANK[level]) return;
    const time = new Date(clock.now()).toISOString();
    if (overlaps(fields, base)) {
      const line: Record<string, unknown> = { time, level: at, msg };
      for (const [key, value] of Object.entries({ ...base, ...fields })) if (value !== undefined) line[key] = value;
      write(`${JSON.stringify(line)}\n`);
      return;
    }
    write(`{"time":"${time}","level":"${at}","msg":${JSON.stringify(msg)}${baseJson}${renderFields(fields)}}\n`);
  };
  return {
    debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error'),
    child: (fields) => createLogger(level, clock, write, { ...base, ...fields }),
  };
}

const RESERVED = new Set(['time', 'level', 'msg']);

function overlaps(fields: LogFields, base: LogFields): boolean {
  for (const key in fields) if (RESERVED.has(key) || Object.hasOwn(base, key)) return true;
  return false;
}

/** `,"key":value` for every defined field, in insertion order. */
function renderFields(fields: LogFields): string {
  let out = '';
  for (const key in fields) {
    const value = fields[key];
    if (value !== undefined) out += `,${JSON.stringify(key)}:${JSON.stringify(value)}`;
  }
  return out;
}

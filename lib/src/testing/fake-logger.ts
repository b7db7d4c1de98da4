import type { LogFields, Logger } from '../ports/logger.ts';

/** One line a FakeLogger kept: its level, message, and the child's fields merged with the call's. */
export interface LogLine {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly msg: string;
  readonly fields: LogFields;
}

/** A Logger that keeps its lines for assertions; a child shares its parent's `lines`. */
export interface FakeLogger extends Logger {
  readonly lines: readonly LogLine[];
  child(fields: LogFields): FakeLogger;
}

/** Creates a FakeLogger that keeps every line, of any level, in call order. */
export function fakeLogger(): FakeLogger {
  const lines: LogLine[] = [];
  const make = (base: LogFields): FakeLogger => {
    const emit = (level: LogLine['level']) => (msg: string, fields: LogFields = {}): void => {
      lines.push({ level, msg, fields: { ...base, ...fields } });
    };
    return {
      lines, debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error'),
      child: (fields) => make({ ...base, ...fields }),
    };
  };
  return make({});
}

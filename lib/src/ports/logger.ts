/** Structured fields of a log line (DESIGN §6): controller, webhook, namespace, name, reconcileID, rule, err, and more. */
export type LogFields = Readonly<Record<string, string | number | boolean | undefined>>;

/** A structured logger; `child` adds fields to every line it writes. The JSON-lines implementation is an adapter (process plumbing). */
export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

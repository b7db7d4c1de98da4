/** ANSI styles for the text report; every function is the identity when colour is off. */
export interface Paint {
  readonly ok: (s: string) => string;
  readonly warn: (s: string) => string;
  readonly bad: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly bold: (s: string) => string;
}

/** Returns the styles for a TTY (`color: true`) or plain text. */
export function makePaint(color: boolean): Paint {
  const style = (open: string) => (s: string): string => (color && s !== '' ? `\x1b[${open}m${s}\x1b[0m` : s);
  return { ok: style('32'), warn: style('33'), bad: style('1;31'), dim: style('2'), bold: style('1') };
}

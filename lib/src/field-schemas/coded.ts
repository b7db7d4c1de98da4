import type { Code } from '../diagnostics/codes.ts';

// Valibot issues carry only a message, so schema checks that map to a specific diagnostic
// code put it in front of the message (`ORK1104|must be ...`); map-issues.ts splits it off.
const SEP = '|';

/** A valibot message that carries its diagnostic code. */
export function coded(code: Code, message: string): string {
  return `${code}${SEP}${message}`;
}

/** Splits a message made by `coded`; plain messages have no code. */
export function uncode(message: string): { code?: Code; message: string } {
  const m = /^(ORK\d{4})\|/.exec(message);
  if (!m) return { message };
  return { code: m[1] as Code, message: message.slice(m[0].length) };
}

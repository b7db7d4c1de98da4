/** A number literal read from an action, or why it is not one. */
export type LexedNumber =
  | { ok: true; value: number; valueType: 'integer' | 'number'; length: number }
  | { ok: false; message: string };

// Go's number syntax (sticky: lastIndex is set before every exec, so sharing it is safe): sign, hex/octal/binary integers, decimals with fraction and exponent, `_` separators.
const NUMBER = /[+-]?(?:0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9][0-9_]*)(?:[eE][+-]?[0-9_]+)?)/y;
const FOLLOWS_NUMBER = /[\p{L}\p{Nd}_.]/u;

/** Reads the number that starts at `at` (a digit, a sign, or a `.` before a digit). */
export function lexNumber(source: string, at: number): LexedNumber {
  NUMBER.lastIndex = at;
  const match = NUMBER.exec(source);
  const text = match?.[0] ?? '';
  const next = source[at + text.length];
  if (text === '' || text === '+' || text === '-' || (next !== undefined && FOLLOWS_NUMBER.test(next))) {
    return { ok: false, message: `bad number syntax: "${source.slice(at, at + text.length + 1)}"` };
  }
  const sign = text[0] === '-' ? -1 : 1;
  const body = text.replace(/^[+-]/, '');
  if (/__|_$|^_|[._][._]|_[eE]|[eE][+-]?_|^0[xXoObB]_*$/.test(body)) {
    return { ok: false, message: `bad number syntax: "${text}" ("_" must separate digits)` };
  }
  const digits = body.replaceAll('_', '');
  const radix = /^0[xXoObB]/.test(digits);
  const integer = radix || !/[.eE]/.test(digits);
  if (integer && !radix && /^0[0-9]/.test(digits)) {
    // Go reads 017 as octal; refusing it avoids a silently surprising value.
    return { ok: false, message: `bad number syntax: "${text}" (leading zeros are not allowed; write 0o17 for octal)` };
  }
  const value = sign * Number(digits);
  if (!Number.isFinite(value)) return { ok: false, message: `number out of range: "${text}"` };
  if (integer && !Number.isSafeInteger(value)) {
    return { ok: false, message: `integer out of range: "${text}" (at most ${Number.MAX_SAFE_INTEGER})` };
  }
  return { ok: true, value: value === 0 ? 0 : value, valueType: integer ? 'integer' : 'number', length: text.length };
}

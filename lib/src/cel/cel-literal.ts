/**
 * CEL literals for values we put into expressions. Strings are written single-quoted with every
 * character outside printable ASCII escaped, so a Katalog value can never end the literal early
 * or smuggle syntax into a ValidatingAdmissionPolicy.
 */
export function celString(value: string): string {
  let out = "'";
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\' || ch === "'") out += `\\${ch}`;
    else if (code >= 0x20 && code < 0x7f) out += ch;
    else if (code <= 0xffff) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += `\\U${code.toString(16).padStart(8, '0')}`;
  }
  return `${out}'`;
}

/** A number literal: an int literal for safe integers, a double literal (with a point or exponent) otherwise. */
export function celNumber(value: number): string {
  if (Number.isSafeInteger(value)) return String(value);
  const text = String(value);
  return /[.eE]/.test(text) ? text : `${text}.0`;
}

/** A list literal of strings. */
export function celStringList(values: readonly string[]): string {
  return `[${values.map(celString).join(', ')}]`;
}

// CEL's reserved words cannot be selected as fields (`x.in`); Kubernetes escapes such schema
// properties (`__in__`), so a rule naming one is left on the webhook rather than guessed.
const RESERVED = new Set('true false null in as break const continue else for function if import let loop package namespace return var'.split(' '));

/** True when `name` can follow a `.` in CEL as Kubernetes presents a schema property: an identifier that is not reserved. */
export function isCelField(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !RESERVED.has(name);
}

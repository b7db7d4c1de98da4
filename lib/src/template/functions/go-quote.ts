// Go's unicode.IsPrint: categories L, M, N, P, S and the ASCII space.
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;
const NAMED: Readonly<Record<number, string>> = {
  0x07: '\\a', 0x08: '\\b', 0x0c: '\\f', 0x0a: '\\n', 0x0d: '\\r', 0x09: '\\t', 0x0b: '\\v', 0x22: '\\"', 0x5c: '\\\\',
};

/** Quotes a string as Go's `strconv.Quote` (and so `%q` and `quote`) does: printable characters stay, others are escaped. */
export function goQuote(text: string): string {
  let out = '"';
  for (const char of text) {
    let cp = char.codePointAt(0) ?? 0;
    // A lone surrogate cannot come from valid UTF-8; Go would have seen U+FFFD.
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
    const named = NAMED[cp];
    if (named !== undefined) out += named;
    else if (PRINTABLE.test(String.fromCodePoint(cp))) out += String.fromCodePoint(cp);
    else if (cp < 0x20 || cp === 0x7f) out += '\\x' + hex(cp, 2);
    else if (cp < 0x10000) out += '\\u' + hex(cp, 4);
    else out += '\\U' + hex(cp, 8);
  }
  return out + '"';
}

function hex(cp: number, width: number): string {
  return cp.toString(16).padStart(width, '0');
}

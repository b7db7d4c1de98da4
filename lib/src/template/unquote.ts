/** The decoded text of a Go string literal, or where and why it is malformed. */
export type Unquoted = { ok: true; value: string } | { ok: false; message: string; offset: number };

const SIMPLE: Readonly<Record<string, string>> = {
  a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"',
};

/**
 * Decodes the body of an interpreted Go string (between the quotes) with Go's escapes.
 * `start` is the offset of the body in the template, so errors point at the bad backslash.
 * `\xHH` and octal escapes write bytes in Go; only ASCII ones are accepted because a
 * JavaScript string cannot hold a lone non-UTF-8 byte.
 */
export function unquoteGoString(body: string, start: number): Unquoted {
  let out = '';
  let i = 0;
  while (i < body.length) {
    const backslash = body.indexOf('\\', i);
    if (backslash < 0) return { ok: true, value: out + body.slice(i) };
    out += body.slice(i, backslash);
    const escape = decodeEscape(body, backslash);
    if (!escape.ok) return { ok: false, message: escape.message, offset: start + backslash };
    out += escape.text;
    i = backslash + escape.length;
  }
  return { ok: true, value: out };
}

type Escape = { ok: true; text: string; length: number } | { ok: false; message: string };

function decodeEscape(body: string, at: number): Escape {
  const c = body[at + 1];
  if (c === undefined) return { ok: false, message: 'unterminated escape sequence' };
  const simple = SIMPLE[c];
  if (simple !== undefined) return { ok: true, text: simple, length: 2 };
  if (c === 'x') return codePoint(body, at, at + 2, 2, 16, 0x7f, 'a \\x escape must be ASCII (\\x00-\\x7f); use \\u for other characters');
  if (c === 'u') return codePoint(body, at, at + 2, 4, 16, 0x10ffff, '');
  if (c === 'U') return codePoint(body, at, at + 2, 8, 16, 0x10ffff, '');
  if (c >= '0' && c <= '7') return codePoint(body, at, at + 1, 3, 8, 0x7f, 'an octal escape must be ASCII (\\000-\\177); use \\u for other characters');
  return { ok: false, message: `unknown escape sequence "\\${c}"` };
}

// `at` is the backslash; the digits start at `from` (after `\x`, `\u`, `\U`, or right after `\` for octal).
function codePoint(body: string, at: number, from: number, digits: number, radix: number, max: number, tooBig: string): Escape {
  const text = body.slice(from, from + digits);
  const pattern = radix === 16 ? /^[0-9a-fA-F]+$/ : /^[0-7]+$/;
  if (text.length !== digits || !pattern.test(text)) {
    return { ok: false, message: `invalid escape sequence: expected ${digits} ${radix === 16 ? 'hex' : 'octal'} digits` };
  }
  const value = parseInt(text, radix);
  if (value > max) return { ok: false, message: tooBig || 'escape sequence is an invalid Unicode code point' };
  if (value >= 0xd800 && value <= 0xdfff) return { ok: false, message: 'escape sequence is an invalid Unicode code point (a surrogate)' };
  return { ok: true, text: String.fromCodePoint(value), length: from + digits - at };
}

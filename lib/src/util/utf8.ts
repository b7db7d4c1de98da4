/**
 * Encodes a string as UTF-8 bytes; a lone surrogate becomes U+FFFD, as `TextEncoder` does.
 * Written here because `lib` compiles without DOM or Node types.
 */
export function utf8Encode(text: string): Uint8Array {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
        i++;
      } else {
        cp = 0xfffd;
      }
    } else if (cp >= 0xdc00 && cp <= 0xdfff) {
      cp = 0xfffd;
    }
    if (cp < 0x80) bytes.push(cp);
    else if (cp < 0x800) bytes.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
    else if (cp < 0x10000) bytes.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    else bytes.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  }
  return Uint8Array.from(bytes);
}

/**
 * Decodes UTF-8 bytes strictly: undefined for malformed input (overlong forms, surrogates, bytes
 * past U+10FFFF, truncated sequences), so a layer that is not text is refused, never garbled.
 * A leading byte-order mark is kept, as TextDecoder with ignoreBOM does.
 */
export function utf8DecodeStrict(bytes: Uint8Array): string | undefined {
  const parts: string[] = [];
  let chunk: number[] = [];
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i]!;
    let cp: number;
    let need: number;
    if (b < 0x80) { cp = b; need = 0; }
    else if (b >= 0xc2 && b < 0xe0) { cp = b & 0x1f; need = 1; }
    else if (b >= 0xe0 && b < 0xf0) { cp = b & 0x0f; need = 2; }
    else if (b >= 0xf0 && b < 0xf5) { cp = b & 0x07; need = 3; }
    else return undefined;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return undefined;
      cp = (cp << 6) | (c & 0x3f);
    }
    if ((need === 2 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) || (need === 3 && (cp < 0x10000 || cp > 0x10ffff))) return undefined;
    i += need + 1;
    if (cp >= 0x10000) {
      cp -= 0x10000;
      chunk.push(0xd800 + (cp >> 10), 0xdc00 + (cp & 0x3ff));
    } else chunk.push(cp);
    if (chunk.length >= 8192) {
      parts.push(String.fromCharCode(...chunk));
      chunk = [];
    }
  }
  parts.push(String.fromCharCode(...chunk));
  return parts.join('');
}

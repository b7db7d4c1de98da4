import { base64Encode } from '../util/base64.ts';
import { utf8Encode } from '../util/utf8.ts';

/** Standard base64 (RFC 4648, with padding) of the UTF-8 encoding of `s`: what Secret `data` holds. */
export function base64Utf8(s: string): string {
  return base64Encode(utf8Encode(s));
}

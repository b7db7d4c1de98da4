import { TEMPLATE_LIMITS } from '../limits.ts';
import { RenderError } from '../render-error.ts';
import { describe, formatText } from '../values.ts';
import { goQuote } from './go-quote.ts';

// Go's unicode.IsSpace set, which strings.TrimSpace uses (it differs from String.prototype.trim).
const SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;

/** `lower STRING`: Go's strings.ToLower (one character in, one out; no locale rules). */
export function lower(value: unknown): string {
  return mapCase(formatText(value), (c) => c.toLowerCase());
}

/** `upper STRING`: Go's strings.ToUpper (one character in, one out: `ß` stays `ß`). */
export function upper(value: unknown): string {
  return mapCase(formatText(value), (c) => c.toUpperCase());
}

// Go maps case per rune with simple mappings; JavaScript's full mappings can change the length.
function mapCase(text: string, map: (c: string) => string): string {
  if (/^[\x00-\x7f]*$/.test(text)) return map(text);
  let out = '';
  for (const c of text) {
    const mapped = map(c);
    out += Array.from(mapped).length === 1 ? mapped : c;
  }
  return out;
}

/** `trim STRING`: removes leading and trailing white space (Go's strings.TrimSpace). */
export function trim(value: unknown): string {
  const text = formatText(value);
  // Loops, not /\s+$/: that regex is quadratic on long runs of inner spaces (the data is untrusted).
  let start = 0, end = text.length;
  while (start < end && SPACE.test(text[start] ?? '')) start++;
  while (end > start && SPACE.test(text[end - 1] ?? '')) end--;
  return text.slice(start, end);
}

/** `replace OLD NEW STRING`: replaces every OLD in STRING (sprig order: the string comes last, so it pipes). */
export function replace(old: unknown, replacement: unknown, value: unknown): string {
  const from = formatText(old), to = formatText(replacement), text = formatText(value);
  // Go inserts NEW around every character (rune) when OLD is empty.
  const chars = from === '' ? Array.from(text) : [];
  const matches = from === '' ? chars.length + 1 : countMatches(text, from);
  // Size the result before building it: a long NEW times many matches could exhaust memory.
  checkLength('replace', text.length + matches * (to.length - from.length));
  return from === '' ? to + chars.join(to) + (text === '' ? '' : to) : text.replaceAll(from, to);
}

function countMatches(text: string, from: string): number {
  let count = 0;
  for (let at = text.indexOf(from); at >= 0; at = text.indexOf(from, at + from.length)) count++;
  return count;
}

function checkLength(name: string, length: number): void {
  if (length > TEMPLATE_LIMITS.maxOutputLength) {
    throw new RenderError(`${name}: result is longer than ${TEMPLATE_LIMITS.maxOutputLength} characters`);
  }
}

/** `trunc N STRING`: the first N characters, or the last -N when N is negative (sprig); counts characters, not bytes. */
export function trunc(count: unknown, value: unknown): string {
  if (typeof count !== 'number' || !Number.isInteger(count)) throw new RenderError(`trunc: the length must be an integer, got ${describe(count)}`);
  const chars = Array.from(formatText(value));
  if (count < 0) return chars.length + count > 0 ? chars.slice(chars.length + count).join('') : chars.join('');
  return chars.length > count ? chars.slice(0, count).join('') : chars.join('');
}

/** `quote VALUE...`: each non-nil value as a Go-quoted string, joined by spaces (sprig). */
export function quote(values: readonly unknown[]): string {
  const parts: string[] = [];
  let length = 0;
  for (const value of values) {
    if (value === null || value === undefined) continue;
    const quoted = goQuote(formatText(value));
    length += quoted.length + 1;
    checkLength('quote', length - 1);
    parts.push(quoted);
  }
  return parts.join(' ');
}

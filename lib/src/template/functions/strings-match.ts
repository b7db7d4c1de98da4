import { TEMPLATE_LIMITS } from '../limits.ts';
import { RenderError } from '../render-error.ts';
import { describe, formatText } from '../values.ts';

// Each takes its subject first (the reference's order); the caller normalises sprig's order.

/** `contains STRING SUBSTR`: true when SUBSTR occurs in STRING (Go's strings.Contains). */
export function contains(subject: unknown, part: unknown): boolean {
  return formatText(subject).includes(formatText(part));
}

/** `hasPrefix STRING PREFIX`. */
export function hasPrefix(subject: unknown, prefix: unknown): boolean {
  return formatText(subject).startsWith(formatText(prefix));
}

/** `hasSuffix STRING SUFFIX`. */
export function hasSuffix(subject: unknown, suffix: unknown): boolean {
  return formatText(subject).endsWith(formatText(suffix));
}

/** `trimPrefix STRING PREFIX`: STRING without PREFIX when it starts with it. */
export function trimPrefix(subject: unknown, prefix: unknown): string {
  const text = formatText(subject), cut = formatText(prefix);
  return cut !== '' && text.startsWith(cut) ? text.slice(cut.length) : text;
}

/** `trimSuffix STRING SUFFIX`: STRING without SUFFIX when it ends with it. */
export function trimSuffix(subject: unknown, suffix: unknown): string {
  const text = formatText(subject), cut = formatText(suffix);
  return cut !== '' && text.endsWith(cut) ? text.slice(0, text.length - cut.length) : text;
}

/** `trim STRING CUTSET` / `trimAll`: removes leading and trailing characters found in CUTSET (Go's strings.Trim). */
export function trimCutset(subject: unknown, cutset: unknown): string {
  const chars = Array.from(formatText(subject));
  const set = new Set(Array.from(formatText(cutset)));
  let start = 0, end = chars.length;
  while (start < end && set.has(chars[start] ?? '')) start++;
  while (end > start && set.has(chars[end - 1] ?? '')) end--;
  return chars.slice(start, end).join('');
}

/** `concat VALUE...`: the values as text, joined with nothing between them. */
export function concat(values: readonly unknown[]): string {
  return values.map(formatText).join('');
}

/** `repeat STRING COUNT`: STRING written COUNT times; the result is bounded by the output limit. */
export function repeat(subject: unknown, count: unknown): string {
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) {
    throw new RenderError(`repeat: the count must be a non-negative integer, got ${describe(count)}`);
  }
  const text = formatText(subject);
  if (text.length * count > TEMPLATE_LIMITS.maxOutputLength) {
    throw new RenderError(`repeat: result is longer than ${TEMPLATE_LIMITS.maxOutputLength} characters`);
  }
  return text.repeat(count);
}

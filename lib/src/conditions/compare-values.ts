import { formatText } from '../template/values.ts';
import { typeOf } from '../template/functions/convert.ts';
import type { ConditionValueType } from './operators.ts';
import { parseTyped } from './read-typed.ts';

/** A value as conditions compare it as text: nil is "", numbers without `.0`, maps and lists as JSON. */
export function textOf(value: unknown): string {
  return formatText(value);
}

/** Present means not missing, not null and not "" (the reference's exists). */
export function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

/** Equality: as text (so `3` equals `"3"`), or as `valueType` reads both sides. */
export function sameValue(actual: unknown, expected: unknown, valueType: ConditionValueType | undefined): boolean {
  if (valueType === undefined || valueType === 'string') return textOf(actual) === textOf(expected);
  const a = parseTyped(actual, valueType), b = parseTyped(expected, valueType);
  return a !== undefined && a === b;
}

/**
 * Orders the field against a value: numbers (an absent field reads as 0, because Kubernetes omits
 * zero counters such as `status.succeeded`), or text by code point with `valueType: string`.
 * Undefined when either side cannot be read so.
 */
export function orderValues(actual: unknown, expected: unknown, valueType: ConditionValueType | undefined): number | undefined {
  if (valueType === 'string') {
    const a = textOf(actual), b = textOf(expected);
    return a < b ? -1 : a > b ? 1 : 0;
  }
  const a = numberOf(actual, valueType), b = numberOf(expected, valueType);
  if (a === undefined || b === undefined) return undefined;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A number from a field: absent is 0; numbers and numeric text read as numbers; `int` requires a whole number. */
export function numberOf(value: unknown, valueType?: ConditionValueType): number | undefined {
  if (value === undefined || value === null || value === '') return 0;
  const n = parseTyped(value, valueType === 'int' ? 'int' : 'float');
  return typeof n === 'number' ? n : undefined;
}

/** `contains`: a substring of text, an item of a list, or a key of a map. */
export function containsValue(actual: unknown, expected: unknown, valueType: ConditionValueType | undefined): boolean {
  if (Array.isArray(actual)) return actual.some((item) => sameValue(item, expected, valueType));
  if (actual !== null && typeof actual === 'object') return Object.prototype.hasOwnProperty.call(actual, textOf(expected));
  return textOf(actual).includes(textOf(expected));
}

/** The reference's type name of a value: map, slice, string, number, bool or null. */
export function typeNameOf(value: unknown): string {
  return typeOf(value);
}

import { TEMPLATE_LIMITS } from '../limits.ts';
import { ownValue } from '../own-value.ts';
import { RenderError } from '../render-error.ts';
import { describe, formatText, isRecord } from '../values.ts';

/** `split STRING SEP`: the parts of STRING between each SEP, as a list (Go's strings.Split; sprig's splitList). */
export function split(subject: unknown, separator: unknown): string[] {
  const text = formatText(subject), sep = formatText(separator);
  const parts = sep === '' ? Array.from(text) : text.split(sep);
  if (parts.length > TEMPLATE_LIMITS.maxOutputLength) throw new RenderError('split: too many parts');
  return parts;
}

/** `join LIST SEP`: the list's items as text joined by SEP; nil items are skipped (sprig); a string joins to itself. */
export function join(subject: unknown, separator: unknown): string {
  const sep = formatText(separator);
  if (subject === null || subject === undefined) return '';
  if (!Array.isArray(subject)) {
    if (typeof subject === 'string') return subject;
    throw new RenderError(`join: expected a list, got ${describe(subject)}`);
  }
  const items: string[] = [];
  let length = 0;
  for (let i = 0; i < subject.length; i++) {
    const item = ownValue(subject, String(i));
    if (item === null || item === undefined) continue;
    const text = formatText(item);
    length += text.length + sep.length;
    if (length > TEMPLATE_LIMITS.maxOutputLength + sep.length) throw new RenderError(`join: result is longer than ${TEMPLATE_LIMITS.maxOutputLength} characters`);
    items.push(text);
  }
  return items.join(sep);
}

/**
 * `index COLLECTION KEY...`: a map's value by key or a list's item by position, key after key
 * (Go's built-in index). Unlike Go, a missing key, a position out of range or a nil collection
 * yield nil rather than an error, as a missing field does.
 */
export function index(collection: unknown, keys: readonly unknown[]): unknown {
  let value = collection;
  for (const key of keys) {
    if (value === null || value === undefined) return undefined;
    if (Array.isArray(value)) {
      if (typeof key !== 'number' || !Number.isInteger(key)) throw new RenderError(`index: a list is indexed by an integer, got ${describe(key)}`);
      value = key >= 0 && key < value.length ? ownValue(value, String(key)) : undefined;
    } else if (isRecord(value)) {
      if (typeof key !== 'string') throw new RenderError(`index: a map is indexed by a string, got ${describe(key)}`);
      value = ownValue(value, key);
    } else {
      throw new RenderError(`index: cannot index ${describe(value)}`);
    }
  }
  return typeof value === 'function' ? undefined : value;
}

/** `len VALUE`: characters of a string, items of a list, keys of a map; nil is 0. */
export function len(value: unknown): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'string') return Array.from(value).length;
  if (Array.isArray(value)) return value.length;
  if (isRecord(value)) return Object.keys(value).length;
  throw new RenderError(`len: ${describe(value)} has no length`);
}

/** `keys MAP`: the map's keys, sorted (sprig leaves them unordered; sorted keeps renders stable). */
export function keys(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  if (!isRecord(value)) throw new RenderError(`keys: expected a map, got ${describe(value)}`);
  return Object.keys(value).sort();
}

/** `hasKey MAP KEY`: true when the map has the key (own keys only). */
export function hasKey(value: unknown, key: unknown): boolean {
  return isRecord(value) && Object.prototype.hasOwnProperty.call(value, formatText(key));
}

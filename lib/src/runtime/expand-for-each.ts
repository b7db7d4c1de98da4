// `forEach` (reference §1.12): one item becomes one child per element of a list, or per key of a
// map, of the CR. Each element renders with extra template roots: `.item` (the element; for a
// map the key), `.value` (for a map the value) and `.<as>` (the same as `.item`).
import { readPath } from './read-path.ts';

/** `forEach` as written on an item: the field to iterate and an optional name for the element. */
export interface ForEach {
  readonly field: string;
  readonly as?: string | undefined;
}

/** Most children one forEach may expand to: a CR cannot make the runtime render without bound. */
export const FOR_EACH_MAX = 1000;

/** The extra roots of each element, in order (list order, or map keys sorted), or why there are none. */
export type Expansion =
  | { readonly type: 'elements'; readonly scopes: readonly Readonly<Record<string, unknown>>[] }
  | { readonly type: 'problem'; readonly message: string };

/**
 * Expands `forEach` against `data` (the CR as templates see it). An absent or null field is no
 * element, so an optional list simply makes no child; a scalar is a problem.
 */
export function expandForEach(forEach: ForEach, data: unknown): Expansion {
  const value = readPath(data, forEach.field);
  if (value === undefined || value === null) return { type: 'elements', scopes: [] };
  const named = (item: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> =>
    ({ ...extra, item, ...(forEach.as !== undefined ? { [forEach.as]: item } : {}) });
  let scopes: Record<string, unknown>[];
  if (Array.isArray(value)) scopes = value.map((item) => named(item));
  else if (typeof value === 'object') {
    const map = value as Record<string, unknown>;
    scopes = Object.keys(map).sort().map((key) => named(key, { value: map[key] }));
  } else {
    return { type: 'problem', message: `forEach: ${forEach.field} is ${typeof value === 'string' ? 'a string' : `a ${typeof value}`}, not a list or a map` };
  }
  if (scopes.length > FOR_EACH_MAX) return { type: 'problem', message: `forEach: ${forEach.field} has ${scopes.length} elements, more than the ${FOR_EACH_MAX} one item may expand to` };
  return { type: 'elements', scopes };
}

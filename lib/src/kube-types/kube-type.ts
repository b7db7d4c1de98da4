/**
 * A compact field type (scripts/write-child-types.mjs): `s` string, `i` integer, `n` number,
 * `b` boolean, `a` anything (not checked below), `[T]` a list of T, `{'*': T}` a map of T, and
 * `{field: T}` an object with exactly these fields.
 */
export type KubeType = 's' | 'i' | 'n' | 'b' | 'a' | readonly [KubeType] | { readonly [field: string]: KubeType };

/** The value type a template reads at a path: what `inferTemplateType` works with. */
export type ReadType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array' | 'unknown';

/** What a path reads: its type, or the first segment the type does not have, with the fields it does have. */
export type PathVerdict =
  | { readonly type: 'ok'; readonly read: ReadType }
  | { readonly type: 'missing'; readonly at: number; readonly known: readonly string[] };

const SCALAR: Readonly<Record<string, ReadType>> = { s: 'string', i: 'integer', n: 'number', b: 'boolean', a: 'unknown' };

/** Follows `path` through `type`: list segments are indexes, map segments any key. */
export function readAtPath(type: KubeType, path: readonly string[]): PathVerdict {
  let cur: KubeType = type;
  for (const [i, seg] of path.entries()) {
    if (typeof cur === 'string') {
      if (cur === 'a') return { type: 'ok', read: 'unknown' };
      return { type: 'missing', at: i, known: [] };
    }
    if (isList(cur)) {
      if (!/^\d+$/.test(seg)) return { type: 'missing', at: i, known: [] };
      cur = cur[0];
      continue;
    }
    const fields = cur as { readonly [field: string]: KubeType };
    if (Object.prototype.hasOwnProperty.call(fields, '*')) {
      cur = fields['*']!;
      continue;
    }
    if (!Object.prototype.hasOwnProperty.call(fields, seg)) return { type: 'missing', at: i, known: Object.keys(fields) };
    cur = fields[seg]!;
  }
  if (typeof cur === 'string') return { type: 'ok', read: SCALAR[cur]! };
  return { type: 'ok', read: isList(cur) ? 'array' : 'object' };
}

function isList(t: KubeType): t is readonly [KubeType] {
  return Array.isArray(t);
}

/**
 * Reads a dotted path (`spec.db.size`, with or without a leading dot) from plain data using own
 * properties only, so `__proto__` or `constructor` never reach JavaScript internals.
 */
export function readPath(data: unknown, path: string): unknown {
  let cur: unknown = data;
  for (const seg of path.replace(/^\./, '').split('.')) {
    if (seg === '') continue;
    if (cur === null || typeof cur !== 'object') return undefined;
    if (Array.isArray(cur)) {
      const i = /^\d+$/.test(seg) ? Number(seg) : NaN;
      cur = Number.isInteger(i) ? cur[i] : undefined;
    } else {
      cur = Object.prototype.hasOwnProperty.call(cur, seg) ? (cur as Record<string, unknown>)[seg] : undefined;
    }
  }
  return cur;
}

import { RenderError } from '../render-error.ts';
import { describe } from '../values.ts';

type Basic = 'nil' | 'boolean' | 'number' | 'string' | 'other';

function basic(value: unknown): Basic {
  if (value === null || value === undefined) return 'nil';
  const t = typeof value;
  return t === 'boolean' || t === 'number' || t === 'string' ? t : 'other';
}

/** `eq A B...`: true when A equals any B; nil equals only nil; other mixed kinds are an error, as in Go. */
export function eq(first: unknown, others: readonly unknown[]): boolean {
  return others.some((other) => equal('eq', first, other));
}

/** `ne A B`: not `eq A B`. */
export function ne(a: unknown, b: unknown): boolean {
  return !equal('ne', a, b);
}

function equal(name: string, a: unknown, b: unknown): boolean {
  const ka = basic(a), kb = basic(b);
  if (ka === 'other' || kb === 'other') throw new RenderError(`${name}: cannot compare ${describe(ka === 'other' ? a : b)}`);
  if (ka === 'nil' || kb === 'nil') return ka === kb;
  if (ka !== kb) throw new RenderError(`${name}: incompatible types for comparison: ${describe(a)} and ${describe(b)}`);
  return a === b;
}

/** Orders two numbers or two strings (strings by code point, as Go compares UTF-8 bytes); anything else is an error. */
export function order(name: string, a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return compareCodePoints(a, b);
  throw new RenderError(`${name}: cannot order ${describe(a)} and ${describe(b)}: both must be numbers or both strings`);
}

function compareCodePoints(a: string, b: string): number {
  const ia = a[Symbol.iterator](), ib = b[Symbol.iterator]();
  for (;;) {
    const ca = ia.next(), cb = ib.next();
    if (ca.done || cb.done) return ca.done && cb.done ? 0 : ca.done ? -1 : 1;
    const x = ca.value.codePointAt(0) ?? 0, y = cb.value.codePointAt(0) ?? 0;
    if (x !== y) return x < y ? -1 : 1;
  }
}

import { RenderError } from '../render-error.ts';
import { describe } from '../values.ts';

const INTEGER_TEXT = /^[+-]?[0-9]+(?:\.0*)?$/;

/**
 * Converts to an integer as sprig's `int` (spf13/cast) does: numbers truncate toward zero,
 * decimal strings parse ("3" and "3.0", not "3.5"), booleans are 1/0, nil and "" are 0.
 * Unlike cast, anything else is an error instead of a silent 0.
 */
export function toInteger(name: string, value: unknown): number {
  let result: number;
  if (value === null || value === undefined || value === '') result = 0;
  else if (typeof value === 'boolean') result = value ? 1 : 0;
  else if (typeof value === 'number') result = Math.trunc(value);
  else if (typeof value === 'string' && INTEGER_TEXT.test(value)) result = Number(value);
  else throw new RenderError(`${name}: cannot convert ${describe(value)} to an integer`);
  return safe(name, result === 0 ? 0 : result);
}

/** `add A B...`: the sum of the arguments, each converted as `int` does. */
export function add(values: readonly unknown[]): number {
  return safe('add', values.reduce<number>((sum, v) => sum + toInteger('add', v), 0));
}

/** `sub A B`: A minus B, each converted as `int` does (`x | sub 1` is 1 - x, as in sprig). */
export function sub(a: unknown, b: unknown): number {
  return safe('sub', toInteger('sub', a) - toInteger('sub', b));
}

function safe(name: string, n: number): number {
  if (!Number.isSafeInteger(n)) throw new RenderError(`${name}: ${describe(n)} is outside the safe integer range (±${Number.MAX_SAFE_INTEGER})`);
  return n;
}

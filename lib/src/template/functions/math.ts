import { RenderError } from '../render-error.ts';
import { describe } from '../values.ts';
import { toFloat } from './convert.ts';
import { toInteger } from './numbers.ts';

// Integer math as sprig and Go's int64 do it (arguments converted as `int` does); the `f`
// variants work on numbers as the reference's notes do (`div 3 4` is 0, `divf 3 4` is 0.75).

/** `mul A B...`: the product, as integers. */
export function mul(values: readonly unknown[]): number {
  return safe('mul', values.reduce<number>((product, v) => product * toInteger('mul', v), 1));
}

/** `div A B`: A divided by B, truncated toward zero; B = 0 is an error. */
export function div(a: unknown, b: unknown): number {
  const divisor = toInteger('div', b);
  if (divisor === 0) throw new RenderError('div: division by zero');
  return safe('div', Math.trunc(toInteger('div', a) / divisor) + 0);
}

/** `mod A B`: the remainder of A / B, with A's sign (Go's %); B = 0 is an error. */
export function mod(a: unknown, b: unknown): number {
  const divisor = toInteger('mod', b);
  if (divisor === 0) throw new RenderError('mod: division by zero');
  return (toInteger('mod', a) % divisor) + 0;
}

/** `max A B...` / `min A B...`: the largest or smallest, as integers. */
export function extreme(name: 'max' | 'min', values: readonly unknown[]): number {
  const ints = values.map((v) => toInteger(name, v));
  return name === 'max' ? Math.max(...ints) : Math.min(...ints);
}

/** `addf`, `subf`, `mulf`, `divf`: number arithmetic, left to right. */
export function floatMath(name: 'addf' | 'subf' | 'mulf' | 'divf', values: readonly unknown[]): number {
  const [first = 0, ...rest] = values.map((v) => toFloat(v));
  const result = rest.reduce((acc, n) => {
    if (name === 'divf' && n === 0) throw new RenderError('divf: division by zero');
    return name === 'addf' ? acc + n : name === 'subf' ? acc - n : name === 'mulf' ? acc * n : acc / n;
  }, first);
  if (!Number.isFinite(result)) throw new RenderError(`${name}: result ${describe(result)} is not a finite number`);
  return result;
}

function safe(name: string, n: number): number {
  if (!Number.isSafeInteger(n)) throw new RenderError(`${name}: ${describe(n)} is outside the safe integer range (±${Number.MAX_SAFE_INTEGER})`);
  return n;
}

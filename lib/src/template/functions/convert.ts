import { RenderError } from '../render-error.ts';
import { describe, isRecord } from '../values.ts';

/** `toFloat VALUE`: numbers stay, numeric strings parse, booleans are 1/0, nil and "" are 0. */
export function toFloat(value: unknown): number {
  if (value === null || value === undefined || value === '') return 0;
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string' && /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(value)) return Number(value);
  throw new RenderError(`toFloat: cannot convert ${describe(value)} to a number`);
}

const TRUE = new Set(['true', '1', 'yes', 'on']);
const FALSE = new Set(['false', '0', 'no', 'off', '']);

/** `toBool VALUE`: true/1/yes/on and false/0/no/off/"" in any case; numbers are true unless 0; nil is false. */
export function toBool(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') {
    const word = value.trim().toLowerCase();
    if (TRUE.has(word)) return true;
    if (FALSE.has(word)) return false;
  }
  throw new RenderError(`toBool: cannot convert ${describe(value)} to a boolean`);
}

/** The type names `typeOf` returns, as the reference's notes name them. */
export type TypeName = 'map' | 'slice' | 'string' | 'number' | 'bool' | 'null';

/** `typeOf VALUE`: map, slice, string, number, bool or null. */
export function typeOf(value: unknown): TypeName {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'bool';
  if (Array.isArray(value)) return 'slice';
  return isRecord(value) ? 'map' : 'null';
}

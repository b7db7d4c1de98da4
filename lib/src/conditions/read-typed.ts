import type { ConditionValueType } from './operators.ts';

/**
 * Reads a scalar as `valueType` says: `int` (whole numbers, also written as text), `float` (any
 * number), `bool` (Go's ParseBool spellings: 1 t T TRUE true True, 0 f F FALSE false False),
 * `string` (the text). Undefined when it cannot be read so.
 */
export function parseTyped(value: unknown, type: ConditionValueType): string | number | boolean | undefined {
  if (type === 'string') return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
  if (type === 'bool') {
    if (typeof value === 'boolean') return value;
    if (typeof value !== 'string' && typeof value !== 'number') return undefined;
    const text = String(value).trim();
    if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(text)) return true;
    if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(text)) return false;
    return undefined;
  }
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isFinite(n)) return undefined;
  return type === 'int' && !Number.isInteger(n) ? undefined : n;
}

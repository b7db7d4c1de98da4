import type { Condition } from '../field-schemas/field-schemas.ts';
import { readPath } from './read-path.ts';

/** True when every condition holds for `data` (the custom resource); an empty list always holds. */
export function evaluateConditions(conditions: readonly Condition[], data: unknown): boolean {
  return conditions.every((c) => evaluateCondition(c, data));
}

/** Evaluates one `{field, operator, value}` condition; type mismatches are false, never errors. */
export function evaluateCondition(condition: Condition, data: unknown): boolean {
  const actual = readPath(data, condition.field);
  const expected = condition.value;
  switch (condition.operator) {
    case 'exists': return present(actual);
    case 'notExists': return !present(actual);
    case 'equals': return same(actual, expected);
    case 'notEquals': return !same(actual, expected);
    case 'in': return members(expected).some((m) => same(actual ?? '', m));
    case 'notIn': return !members(expected).some((m) => same(actual ?? '', m));
    case 'gt': return compare(actual, expected, (a, b) => a > b);
    case 'gte': return compare(actual, expected, (a, b) => a >= b);
    case 'lt': return compare(actual, expected, (a, b) => a < b);
    case 'lte': return compare(actual, expected, (a, b) => a <= b);
    case 'contains': return contains(actual, expected);
    case 'regex': return matches(actual, expected);
  }
}

function present(v: unknown): boolean {
  return v !== undefined && v !== null && v !== '';
}

// YAML authors write `value: 3` and `value: "3"` interchangeably, so scalars compare as text.
function same(a: unknown, b: unknown): boolean {
  if (a === undefined || a === null) return b === undefined || b === null || b === '';
  if (typeof a === 'object' || typeof b === 'object') return false;
  return String(a) === String(b);
}

function members(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (typeof v === 'string') return v.split(',').map((s) => s.trim());
  return v === undefined ? [] : [v];
}

function compare(a: unknown, b: unknown, op: (x: number, y: number) => boolean): boolean {
  const x = toNumber(a), y = toNumber(b);
  return x !== undefined && y !== undefined && op(x, y);
}

function toNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

function contains(actual: unknown, expected: unknown): boolean {
  if (typeof actual === 'string') return expected !== undefined && actual.includes(String(expected));
  if (Array.isArray(actual)) return actual.some((x) => same(x, expected));
  if (actual && typeof actual === 'object') return typeof expected === 'string' && Object.prototype.hasOwnProperty.call(actual, expected);
  return false;
}

function matches(actual: unknown, pattern: unknown): boolean {
  if (typeof pattern !== 'string' || actual === undefined || actual === null || typeof actual === 'object') return false;
  try {
    return new RegExp(pattern, 'u').test(String(actual));
  } catch {
    // Invalid patterns are reported by validation (ORK1113); at run time they simply never match.
    return false;
  }
}

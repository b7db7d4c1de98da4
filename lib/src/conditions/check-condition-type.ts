import type { ValueType } from '../template/index.ts';
import type { Condition, ConditionScalar } from './condition-model.ts';
import type { ConditionProblem } from './condition-problem.ts';
import { NUMERIC_OPERATORS } from './operators.ts';

const TEXT_OPERATORS = new Set(['prefix', 'notPrefix', 'suffix', 'notSuffix', 'regex']);
const EQUALITY = new Set(['equals', 'notEquals', 'in', 'notIn']);

/**
 * Finds conditions that can never hold (or never fail) because of the field's type in the CRD
 * schema: ordering a boolean, matching a pattern against a map, `equals: yes` on a boolean,
 * `equals: abc` on an integer. `type` is the field's schema type (`unknown` checks nothing).
 */
export function checkConditionType(c: Condition, type: ValueType): ConditionProblem[] {
  if (type === 'unknown') return [];
  const at = [c.written === 'field' ? 'field' : c.written];
  const out = (message: string, hint: string): ConditionProblem[] => [{ code: 'ORK1125', at, target: 'value', message: `${c.field.text} is ${article(type)} ${type}: ${message}`, hint }];
  if (c.valueType !== undefined && c.valueType !== 'string') {
    const fits = c.valueType === 'bool' ? ['boolean', 'string'] : ['integer', 'number', 'string'];
    return fits.includes(type) ? [] : out(`valueType ${c.valueType} cannot read it`, `remove valueType, or compare a field of another type`);
  }
  if (NUMERIC_OPERATORS.has(c.operator) && c.valueType === undefined && !['integer', 'number', 'string'].includes(type)) {
    return out(`${c.operator} compares numbers`, 'compare a numeric field, or use equals');
  }
  if (TEXT_OPERATORS.has(c.operator) && (type === 'object' || type === 'array')) {
    return out(`${c.operator} matches text`, 'compare one of its scalar fields');
  }
  if (EQUALITY.has(c.operator) && c.valueType === undefined) {
    if (type === 'object' || type === 'array') return out(`${c.operator} compares scalars`, type === 'array' ? 'use contains to look for an item' : 'use contains to look for a key, or compare one of its fields');
    const bad = literals(c).find((v) => !fitsScalar(v, type));
    if (bad !== undefined) {
      return out(`${c.operator} ${JSON.stringify(bad)} can never match it`, type === 'boolean' ? 'compare with true or false' : 'compare with a number');
    }
  }
  return [];
}

function literals(c: Condition): (string | number | boolean)[] {
  const of = (s: ConditionScalar) => (s.type === 'literal' ? [s.value] : []);
  if (c.operand.type === 'scalar') return of(c.operand.value);
  // The empty item of `in` stands for an absent field, which any type may be.
  if (c.operand.type === 'list') return c.operand.items.flatMap(of).filter((v) => v !== '');
  return [];
}

function fitsScalar(value: string | number | boolean, type: ValueType): boolean {
  const text = String(value).trim();
  if (type === 'boolean') return text === 'true' || text === 'false';
  if (type === 'integer') return /^[+-]?\d+$/.test(text);
  if (type === 'number') return text !== '' && Number.isFinite(Number(text));
  return true;
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}

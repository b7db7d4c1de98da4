import { checkSafeRegex } from '../util/safe-regex.ts';
import { compileTemplate, isTemplate } from '../template/index.ts';
import type { ConditionOperand, ConditionScalar } from './condition-model.ts';
import type { ConditionProblem } from './condition-problem.ts';
import { CONDITION_ROOTS, NUMERIC_OPERATORS, TYPE_NAMES, VALUE_SHAPE, type ConditionValueType, type Operator } from './operators.ts';
import { parseTyped } from './read-typed.ts';

type Written = string | number | boolean | readonly (string | number | boolean)[];

/** Reads the value an operator compares with, checking what can be checked before any custom resource exists. */
export function parseOperand(operator: Operator, written: Written | undefined, key: string, valueType: ConditionValueType | undefined,
                             roots: readonly string[] = CONDITION_ROOTS): { operand?: ConditionOperand; problems: ConditionProblem[] } {
  const problems: ConditionProblem[] = [];
  const fail = (code: ConditionProblem['code'], message: string, hint?: string, offset?: number): { problems: ConditionProblem[] } => {
    problems.push({ code, at: [key], target: 'value', message, ...(hint !== undefined ? { hint } : {}), ...(offset !== undefined ? { offset } : {}) });
    return { problems };
  };
  const shape = VALUE_SHAPE[operator];
  if (shape === 'none') return { operand: { type: 'none' }, problems };
  if (written === undefined) return fail('ORK1122', `${operator} needs a value`, `write ${operator === 'in' || operator === 'notIn' ? `"${operator}: [a, b]"` : `"${key === 'operator' ? 'value' : key}: ..."`}`);
  if (shape === 'type-name') {
    const name = typeof written === 'string' ? TYPE_NAMES.get(written) : undefined;
    return name ? { operand: { type: 'type-name', name }, problems } : fail('ORK1124', `typeOf compares with a type name, got ${JSON.stringify(written)}`, 'use map, slice, string, number, bool or null');
  }
  if (shape === 'range') {
    const parts = Array.isArray(written) ? written : typeof written === 'string' ? written.split(',') : [written];
    const [min, max] = parts.map((p) => (typeof p === 'number' ? p : typeof p === 'string' && p.trim() !== '' ? Number(p.trim()) : NaN));
    if (parts.length !== 2 || !Number.isFinite(min) || !Number.isFinite(max)) return fail('ORK1124', `${operator} takes "min,max" (two numbers), got ${JSON.stringify(written)}`, `write "${key}: \\"1,10\\"" or "${key}: [1, 10]"`);
    if (min! > max!) return fail('ORK1124', `${operator} range ${min},${max} is empty: min is above max`, `write "${key}: \\"${max},${min}\\""`);
    return { operand: { type: 'range', min: min!, max: max! }, problems };
  }
  if (shape === 'list') {
    const items = Array.isArray(written) ? written : typeof written === 'string' ? written.split(',').map((s) => s.trim()) : [written];
    const scalars = items.map((item) => scalarOf(item, problems, key, valueType, operator, roots));
    return problems.length ? { problems } : { operand: { type: 'list', items: scalars }, problems };
  }
  if (Array.isArray(written)) return fail('ORK1124', `${operator} compares with one value, got a list`, 'use "in" to compare with several values');
  const value = scalarOf(written as string | number | boolean, problems, key, valueType, operator, roots);
  if (value.type === 'literal' && NUMERIC_OPERATORS.has(operator) && valueType !== 'string' && !Number.isFinite(toNumber(value.value))) {
    return fail('ORK1124', `${operator} compares numbers, got ${JSON.stringify(value.value)}`, 'write a number, or a template that renders one');
  }
  if (value.type === 'literal' && operator === 'regex') {
    // Issue 12: RE2 only (linear time); the offset points at the construct RE2 refuses.
    const problem = checkSafeRegex(String(value.value));
    if (problem) return fail('ORK1113', `pattern cannot run on RE2: ${problem.message}`, problem.hint, problem.offset);
  }
  return problems.length ? { problems } : { operand: { type: 'scalar', value }, problems };
}

function scalarOf(item: string | number | boolean, problems: ConditionProblem[], key: string, valueType: ConditionValueType | undefined, operator: Operator,
                  roots: readonly string[]): ConditionScalar {
  if (typeof item === 'string' && isTemplate(item)) {
    const compiled = compileTemplate(item, { roots });
    if (!compiled.ok) {
      const e = compiled.error;
      problems.push({ code: e.code, at: [key], target: 'value', message: e.message, offset: e.offset, ...(e.hint !== undefined ? { hint: e.hint } : {}) });
      return { type: 'literal', value: item };
    }
    return { type: 'template', template: compiled.template };
  }
  if (valueType !== undefined && valueType !== 'string' && parseTyped(item, valueType) === undefined && !(item === '' && (operator === 'in' || operator === 'notIn'))) {
    problems.push({ code: 'ORK1124', at: [key], target: 'value', message: `valueType is ${valueType}, but ${JSON.stringify(item)} is not ${valueType === 'int' ? 'an integer' : valueType === 'float' ? 'a number' : 'true or false'}` });
  }
  return { type: 'literal', value: item };
}

/** A number from a number or numeric text; NaN otherwise. */
export function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '') return Number(value.trim());
  return NaN;
}

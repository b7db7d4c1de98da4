import { closest } from '../util/closest.ts';
import type { Condition } from './condition-model.ts';
import type { ConditionProblem } from './condition-problem.ts';
import type { ConditionInput } from './condition-schema.ts';
import { OPERATORS, SHORTHANDS, UNSUPPORTED_CONDITION_KEYS, VALUE_SHAPE, VALUE_TYPES, type Operator, type ShorthandKey } from './operators.ts';
import { parseField } from './parse-field.ts';
import { parseOperand } from './parse-operand.ts';

/**
 * Normalises one shape-valid condition into the model: the operator from `operator:` or a
 * shorthand key (none at all means `equals` when `value` is given, else `exists`, as in the
 * reference), its operand, `negate` and `valueType`. Every problem is reported, positioned
 * relative to the condition; the condition is returned only when there is none.
 */
export function parseCondition(input: ConditionInput, roots?: readonly string[]): { condition?: Condition; problems: ConditionProblem[] } {
  const problems: ConditionProblem[] = [];
  const raw = input as Readonly<Record<string, unknown>>;
  // A reference-only key (time:, cron:...) is reported by the shape check; nothing more to say here.
  if (Object.keys(raw).some((k) => UNSUPPORTED_CONDITION_KEYS.has(k))) return { problems };
  const chosen = operatorOf(raw, problems);
  const valueType = input.valueType === undefined ? undefined : VALUE_TYPES.get(input.valueType);
  let fieldResult: ReturnType<typeof parseField> = { problems: [] };
  if (input.field === undefined) {
    problems.push({ code: 'ORK1102', at: [], target: 'key', message: 'missing required field "field"', hint: 'add "field: spec.<name>" (or a template) naming what the condition reads' });
  } else {
    fieldResult = parseField(input.field, roots);
    problems.push(...fieldResult.problems);
  }
  if (!chosen) return { problems };
  const written = chosen.key === 'operator' ? input.value : chosen.value;
  if (VALUE_SHAPE[chosen.operator] === 'none' && chosen.key === 'operator' && input.value !== undefined) {
    problems.push({ code: 'ORK1123', at: ['value'], target: 'key', message: `${chosen.operator} takes no value; this one is ignored`, hint: 'remove "value"' });
  }
  const operand = parseOperand(chosen.operator, written as Parameters<typeof parseOperand>[1], chosen.key === 'operator' ? 'value' : chosen.key, valueType, roots);
  problems.push(...operand.problems);
  if (problems.some((p) => p.code !== 'ORK1123') || !fieldResult.field || !operand.operand) return { problems };
  return {
    condition: {
      field: fieldResult.field,
      operator: chosen.operator,
      operand: operand.operand,
      negate: input.negate ?? false,
      ...(valueType !== undefined ? { valueType } : {}),
      written: chosen.key,
    },
    problems,
  };
}

interface Chosen { readonly operator: Operator; readonly key: string; readonly value: unknown }

function operatorOf(raw: Readonly<Record<string, unknown>>, problems: ConditionProblem[]): Chosen | undefined {
  const found: Chosen[] = [];
  for (const key of Object.keys(raw)) {
    if (!Object.prototype.hasOwnProperty.call(SHORTHANDS, key) || raw[key] === undefined) continue;
    let operator: Operator = SHORTHANDS[key as ShorthandKey];
    // `exists: false` reads as notExists (and the reverse), rather than silently meaning exists.
    if (raw[key] === false && (operator === 'exists' || operator === 'notExists')) operator = operator === 'exists' ? 'notExists' : 'exists';
    found.push({ operator, key, value: raw[key] });
  }
  const op = raw['operator'];
  if (typeof op === 'string') {
    if ((OPERATORS as readonly string[]).includes(op)) found.unshift({ operator: op as Operator, key: 'operator', value: raw['value'] });
    else {
      const guess = closest(op, [...OPERATORS, ...Object.keys(SHORTHANDS)]);
      const operator = guess !== undefined && Object.prototype.hasOwnProperty.call(SHORTHANDS, guess) ? SHORTHANDS[guess as ShorthandKey] : guess;
      problems.push({ code: 'ORK1120', at: ['operator'], target: 'value', message: `unknown condition operator "${op}"`, hint: operator ? `did you mean "${operator}"?` : `operators: ${OPERATORS.join(', ')}` });
      return undefined;
    }
  }
  if (found.length > 1) {
    const keys = found.map((f) => f.key);
    problems.push({ code: 'ORK1121', at: [keys[1]!], target: 'key', message: `a condition has one operator, this one has ${keys.map((k) => `"${k}"`).join(' and ')}`, hint: 'split it into two conditions' });
    return undefined;
  }
  if (found.length === 1) return found[0];
  return raw['value'] !== undefined ? { operator: 'equals', key: 'value', value: raw['value'] } : { operator: 'exists', key: 'field', value: undefined };
}

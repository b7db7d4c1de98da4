import { compileSafeRegex } from '../util/safe-regex.ts';
import type { Condition, ConditionContext, ConditionScope } from './condition-model.ts';
import { containsValue, isPresent, numberOf, orderValues, sameValue, textOf, typeNameOf } from './compare-values.ts';
import { readField, readScalar } from './read-field.ts';

/**
 * Whether one condition holds for the scope. Never throws: a template that fails to render, a
 * value that cannot be read as a number, or a pattern RE2 rejects make the comparison false
 * (before `negate`), as in the reference.
 */
export function evaluateCondition(condition: Condition, scope: ConditionScope, context: ConditionContext = {}): boolean {
  const result = test(condition, scope, context);
  return condition.negate ? !result : result;
}

function test(c: Condition, scope: ConditionScope, context: ConditionContext): boolean {
  const field = readField(c.field, scope);
  if (!field.ok) return false;
  const actual = field.value;
  const { operand, valueType } = c;
  switch (operand.type) {
    case 'none':
      switch (c.operator) {
        case 'exists': return isPresent(actual);
        case 'notExists': return !isPresent(actual);
        case 'unique': return unique(c, actual, context);
        case 'typeMap': return typeNameOf(actual) === 'map';
        case 'typeList': return typeNameOf(actual) === 'slice';
        case 'typeString': return typeNameOf(actual) === 'string';
        case 'typeNumber': return typeNameOf(actual) === 'number';
        case 'typeBool': return typeNameOf(actual) === 'bool';
        default: return typeNameOf(actual) === 'null';
      }
    case 'type-name': return typeNameOf(actual) === operand.name;
    case 'range': {
      const n = numberOf(actual, valueType);
      if (n === undefined) return false;
      const inside = n >= operand.min && n <= operand.max;
      return c.operator === 'between' ? inside : !inside;
    }
    case 'list': {
      const hit = operand.items.some((item) => {
        const read = readScalar(item, scope);
        return read.ok && sameValue(actual ?? '', read.value ?? '', valueType);
      });
      return c.operator === 'in' ? hit : !hit;
    }
    case 'scalar': {
      const read = readScalar(operand.value, scope);
      if (!read.ok) return false;
      return compareScalar(c, actual, read.value);
    }
  }
}

function compareScalar(c: Condition, actual: unknown, expected: unknown): boolean {
  const vt = c.valueType;
  switch (c.operator) {
    case 'equals': return sameValue(actual, expected, vt);
    case 'notEquals': return !sameValue(actual, expected, vt);
    case 'contains': return containsValue(actual, expected, vt);
    case 'notContains': return !containsValue(actual, expected, vt);
    case 'prefix': return textOf(actual).startsWith(textOf(expected));
    case 'notPrefix': return !textOf(actual).startsWith(textOf(expected));
    case 'suffix': return textOf(actual).endsWith(textOf(expected));
    case 'notSuffix': return !textOf(actual).endsWith(textOf(expected));
    case 'regex': {
      const compiled = compileSafeRegex(textOf(expected));
      return compiled.ok && compiled.regex.test(textOf(actual));
    }
    default: {
      const order = orderValues(actual, expected, vt);
      if (order === undefined) return false;
      return c.operator === 'gt' ? order > 0 : c.operator === 'gte' ? order >= 0 : c.operator === 'lt' ? order < 0 : order <= 0;
    }
  }
}

// No other custom resource of the CRD holds the same value; an absent or empty value collides with nothing.
function unique(c: Condition, actual: unknown, context: ConditionContext): boolean {
  if (context.peers === undefined || !isPresent(actual)) return true;
  const mine = textOf(actual);
  return !context.peers.some((peer) => {
    const theirs = readField(c.field, peer);
    return theirs.ok && isPresent(theirs.value) && textOf(theirs.value) === mine;
  });
}

import type { ConditionContext, ConditionScope } from '../conditions/condition-model.ts';
import { evaluateCondition } from '../conditions/evaluate-condition.ts';
import { evaluateConditionSet } from '../conditions/evaluate-condition-set.ts';
import { readField } from '../conditions/read-field.ts';
import type { ValidationRule } from './rule-model.ts';

/** A broken rule: which, on which field, what it says, and the value it got. */
export interface Violation {
  /** Position in `validation.rules`. */
  readonly rule: number;
  /** The field as written in the rule (`spec.replicas`, or its template). */
  readonly field: string;
  readonly message: string;
  readonly action: 'deny' | 'warn';
  /** The field's value; absent when the field is missing (or its template failed). */
  readonly got?: unknown;
}

/**
 * Checks every rule against the scope and reports every broken one, in rule order: a rule
 * applies when its `when`/`or` hold, and is broken when its condition does not.
 */
export function checkValidation(rules: readonly ValidationRule[], scope: ConditionScope, context: ConditionContext = {}): Violation[] {
  const out: Violation[] = [];
  for (const rule of rules) {
    if (!evaluateConditionSet(rule.applies, scope, context)) continue;
    if (evaluateCondition(rule.check, scope, context)) continue;
    const read = readField(rule.check.field, scope);
    const got = read.ok ? read.value : undefined;
    out.push({ rule: rule.index, field: rule.check.field.text, message: rule.message, action: rule.action, ...(got !== undefined ? { got } : {}) });
  }
  return out;
}

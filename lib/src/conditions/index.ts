// @orkestra/lib/conditions: one meaning of `when`/`or` for the runtime, admission and the CLI:
// parse, type-check and evaluate conditions.
export { checkConditionType } from './check-condition-type.ts';
export type { Condition, ConditionContext, ConditionOperand, ConditionScalar, ConditionScope, ConditionSet, FieldRef } from './condition-model.ts';
export { ALWAYS } from './condition-model.ts';
export type { ConditionProblem } from './condition-problem.ts';
export { conditionListSchema, conditionSchema } from './condition-schema.ts';
export type { ConditionInput } from './condition-schema.ts';
export { evaluateCondition } from './evaluate-condition.ts';
export { conditionScope, evaluateConditionSet } from './evaluate-condition-set.ts';
export { CONDITION_ROOTS, OPERATORS, SHORTHANDS, UNSUPPORTED_CONDITION_KEYS, UNSUPPORTED_ROOTS } from './operators.ts';
export type { ConditionValueType, Operator } from './operators.ts';
export { parseCondition } from './parse-condition.ts';
export { parseConditionSet } from './parse-condition-set.ts';

// @orkestra/lib/cel (issue 15, policy mode): validation rules compiled to CEL with the meaning
// lib/admission gives them, for ValidatingAdmissionPolicies; what CEL cannot say stays on the webhook.
export { celNumber, celString, celStringList, isCelField } from './cel-literal.ts';
export { compileCondition, TARGET } from './compile-condition.ts';
export type { CelOutcome, FieldTypeOf } from './compile-condition.ts';
export { compileValidationRules, webhookRulesOf } from './compile-rules.ts';
export type { CompiledRule, CompiledRules, KeptRule } from './compile-rules.ts';

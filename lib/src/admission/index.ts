// @orkestra/lib/admission (issue 15): the one meaning of a CRD's validation and mutation rules, used by
// the gateway (at admission), the runtime (at reconcile) and `ork admit` alike.
export { applyMutation } from './apply-mutation.ts';
export type { MutationOutcome } from './apply-mutation.ts';
export { checkValidation } from './check-validation.ts';
export type { Violation } from './check-validation.ts';
export { decideRules } from './decide-rules.ts';
export type { Steps, Verdict } from './decide-rules.ts';
export { denialMessage, describeGot, describeViolation, MAX_GOT_CHARS, warningText } from './describe-verdict.ts';
export { jsonPointer } from './json-patch.ts';
export type { PatchOperation } from './json-patch.ts';
export { parseAdmissionRules } from './parse-rules.ts';
export type { AdmissionInput } from './parse-rules.ts';
export { NO_RULES, RULE_ROOTS } from './rule-model.ts';
export type { AdmissionRules, CrdWebhooks, MutationRule, Operation, ValidationRule } from './rule-model.ts';
export { ruleScope } from './rule-scope.ts';
export type { RuleSubject } from './rule-scope.ts';
export { crdAdmissionSchema, crdWebhooksSchema, mutationBlockSchema, mutationRuleSchema, validationBlockSchema, validationRuleSchema } from './rule-schema.ts';
export type { CrdWebhooksInput, MutationRuleInput, ValidationRuleInput } from './rule-schema.ts';

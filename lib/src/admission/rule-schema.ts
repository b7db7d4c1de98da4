// The shape of a CRD's admission blocks as written (reference §1.20): `validation.rules[]`,
// `mutation.rules[]` and the `webhooks` switches. Shape only; meaning is checked by parse-rules.ts.
import * as v from 'valibot';
import { conditionEntries, conditionListSchema } from '../conditions/condition-schema.ts';

const scalar = v.union([v.string(), v.number(), v.boolean()], 'Expected a string, a number or true/false');

/**
 * One validation rule: a condition on `field` (any operator or shorthand) that must hold, the
 * `message` shown when it does not, `action: deny` (default) or `warn`, and `when`/`or` saying
 * when the rule applies at all.
 */
export const validationRuleSchema = v.strictObject({
  ...conditionEntries,
  message: v.string('Expected the message shown when the rule is broken'),
  action: v.optional(v.picklist(['deny', 'warn'])),
  when: v.optional(conditionListSchema),
  or: v.optional(conditionListSchema),
});

/** One mutation rule: `field` gets `default` when it is empty, or `override` always. */
export const mutationRuleSchema = v.strictObject({
  field: v.string(),
  default: v.optional(scalar),
  override: v.optional(scalar),
  valueType: v.optional(v.picklist(['string', 'int', 'integer', 'float', 'number', 'bool', 'boolean'])),
  when: v.optional(conditionListSchema),
  or: v.optional(conditionListSchema),
});

/** `validation:` on a CRD entry. */
export const validationBlockSchema = v.strictObject({ rules: v.optional(v.array(validationRuleSchema)) });
/** `mutation:` on a CRD entry. */
export const mutationBlockSchema = v.strictObject({ rules: v.optional(v.array(mutationRuleSchema)) });

/** `webhooks:` on a CRD entry: which admission webhooks see its custom resources, and for which operations. */
export const crdWebhooksSchema = v.strictObject({
  validation: v.optional(v.boolean()),
  mutation: v.optional(v.boolean()),
  operations: v.optional(v.array(v.picklist(['CREATE', 'UPDATE', 'DELETE', 'CONNECT']))),
});

/** Gen C's `admission:` block on a CRD entry, an alias of the three keys above. */
export const crdAdmissionSchema = v.strictObject({
  validation: v.optional(validationBlockSchema),
  mutation: v.optional(mutationBlockSchema),
  webhooks: v.optional(crdWebhooksSchema),
});

export type ValidationRuleInput = v.InferOutput<typeof validationRuleSchema>;
export type MutationRuleInput = v.InferOutput<typeof mutationRuleSchema>;
export type CrdWebhooksInput = v.InferOutput<typeof crdWebhooksSchema>;

import * as v from 'valibot';

const scalar = v.union([v.string(), v.number(), v.boolean()], 'Expected a string, a number or true/false');
const scalarOrList = v.union([v.string(), v.number(), v.boolean(), v.array(scalar)], 'Expected a value or a list of values');
const flag = v.boolean('Expected true or false');

/**
 * One condition as written: `{field, operator, value}` or a shorthand (`{field, greaterThan: 3}`),
 * with `negate` and `valueType`. The shape only: which keys may appear and what kind of value
 * each holds. Meaning (one operator, a number where one is compared, a valid pattern) is checked
 * by `parseCondition`, so every mistake gets its own message.
 */
const conditionShape = v.strictObject({
  field: v.optional(v.string()),
  operator: v.optional(v.string()),
  value: v.optional(scalarOrList),
  negate: v.optional(flag),
  valueType: v.optional(v.picklist(['string', 'int', 'integer', 'float', 'number', 'bool', 'boolean'])),
  equals: v.optional(scalarOrList),
  notEquals: v.optional(scalarOrList),
  contains: v.optional(scalarOrList),
  notContains: v.optional(scalarOrList),
  regex: v.optional(scalarOrList),
  prefix: v.optional(scalarOrList),
  notPrefix: v.optional(scalarOrList),
  suffix: v.optional(scalarOrList),
  notSuffix: v.optional(scalarOrList),
  exists: v.optional(flag),
  notExists: v.optional(flag),
  greaterThan: v.optional(scalarOrList),
  lessThan: v.optional(scalarOrList),
  greaterThanOrEqual: v.optional(scalarOrList),
  lessThanOrEqual: v.optional(scalarOrList),
  min: v.optional(scalarOrList),
  max: v.optional(scalarOrList),
  between: v.optional(scalarOrList),
  notBetween: v.optional(scalarOrList),
  in: v.optional(scalarOrList),
  notIn: v.optional(scalarOrList),
});

/** A condition as written, after shape validation. */
export type ConditionInput = v.InferOutput<typeof conditionShape>;

// Declared as a plain schema of ConditionInput: spelled out, its type appears in every child
// item's type and the Katalog schema's inferred type grows past what the compiler will emit.
/** One condition's shape (see above). */
export const conditionSchema: v.GenericSchema<ConditionInput> = conditionShape;

/** The keys of one condition, for blocks that embed a condition in their own keys (issue 15: validation rules). */
export const conditionEntries = conditionShape.entries;

/** A `when` or `or` list. */
export const conditionListSchema = v.array(conditionSchema);

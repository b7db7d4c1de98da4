import * as v from 'valibot';
import { coded } from './coded.ts';

/**
 * Field schemas shared by the Katalog and every child builder.
 *
 * Any string may be a template (it contains `{{`). Fields that need a non-string value
 * (`replicas`, `port`, ...) accept that value or a template string, and carry a
 * `fieldType` in their valibot metadata so the static checker knows what the rendered
 * value must be (`ORK1203`: a string template feeding an integer field).
 */
export type FieldType = 'string' | 'integer' | 'number' | 'boolean' | 'int-or-string' | 'any';

/** The message a plain string gets where only a template may stand; map-issues words it per field type. */
export const NOT_A_TEMPLATE = 'a plain string is not allowed here';

/** A string containing a template action. */
export const templateString = v.pipe(
  v.string(),
  v.check((s) => s.includes('{{'), coded('ORK1101', NOT_A_TEMPLATE)),
);

/** A string value; may contain templates. */
export const stringField = v.pipe(v.string(), v.metadata({ fieldType: 'string' as FieldType }));

/** An integer, or a template that renders one. */
export const intField = v.pipe(
  v.union([v.pipe(v.number(), v.integer()), templateString], 'Expected an integer or a template'),
  v.metadata({ fieldType: 'integer' as FieldType }),
);

/** A number, or a template that renders one. */
export const numberField = v.pipe(
  v.union([v.number(), templateString], 'Expected a number or a template'),
  v.metadata({ fieldType: 'number' as FieldType }),
);

/** A boolean, or a template that renders one. */
export const boolField = v.pipe(
  v.union([v.boolean(), templateString], 'Expected true, false or a template'),
  v.metadata({ fieldType: 'boolean' as FieldType }),
);

/** An integer or a string such as `http` or `25%` (Kubernetes IntOrString); may be templated. */
export const intOrStringField = v.pipe(
  v.union([v.pipe(v.number(), v.integer()), v.string()], 'Expected an integer or a string'),
  v.metadata({ fieldType: 'int-or-string' as FieldType }),
);

/** A map of string to string (labels, annotations, data); values may be templated. */
export const stringMapField = v.pipe(
  v.record(v.string(), v.string()),
  v.metadata({ fieldType: 'string' as FieldType }),
);

/** Free-form YAML (a custom child's body, raw Kubernetes fragments); strings inside may be templated. */
export const anyField = v.pipe(v.unknown(), v.metadata({ fieldType: 'any' as FieldType }));

/** The operators a `when` condition may use. */
export const CONDITION_OPERATORS = [
  'equals', 'notEquals', 'exists', 'notExists', 'in', 'notIn',
  'gt', 'gte', 'lt', 'lte', 'contains', 'regex',
] as const;

/** One `when` condition: `{field: spec.tier, operator: equals, value: web}`. */
export const conditionSchema = v.strictObject({
  field: v.string(),
  operator: v.picklist(CONDITION_OPERATORS),
  value: v.optional(v.union([v.string(), v.number(), v.boolean(), v.array(v.union([v.string(), v.number(), v.boolean()]))])),
});

/** A `when` condition as written. */
export type Condition = v.InferOutput<typeof conditionSchema>;

/** Fields every child item takes, whatever its kind. */
export const commonItemEntries = {
  name: v.optional(stringField),
  namespace: v.optional(stringField),
  labels: v.optional(stringMapField),
  annotations: v.optional(stringMapField),
  reconcile: v.optional(v.boolean()),
  when: v.optional(v.array(conditionSchema)),
} as const;

/** Reads the `fieldType` a field schema was marked with, if any. */
export function fieldTypeOf(schema: v.GenericSchema): FieldType | undefined {
  const meta = v.getMetadata(schema as Parameters<typeof v.getMetadata>[0]) as { fieldType?: FieldType } | undefined;
  return meta?.fieldType;
}

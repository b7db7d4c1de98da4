import * as v from 'valibot';
import { conditionListSchema } from '../conditions/condition-schema.ts';
import { coded } from './coded.ts';
import { ownRecord } from '../util/own-record.ts';

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

// Issue 14: the reference and many Helm users write numbers as strings (`port: "8080"`,
// `replicas: "3"`); the builders coerce them at render, so validation accepts the text of one.
/** Pattern of an integer written as text. */
export const INTEGER_TEXT = /^\s*[+-]?\d+\s*$/;
/** Pattern of a number written as text. */
export const NUMBER_TEXT = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;

/** A template, or an integer written as text. */
export const integerText = v.pipe(
  v.string(),
  v.check((s) => s.includes('{{') || INTEGER_TEXT.test(s), coded('ORK1101', NOT_A_TEMPLATE)),
);

/** A template, or a number written as text. */
export const numberText = v.pipe(
  v.string(),
  v.check((s) => s.includes('{{') || NUMBER_TEXT.test(s), coded('ORK1101', NOT_A_TEMPLATE)),
);

/** An integer (also written as text, `"3"`), or a template that renders one. */
export const intField = v.pipe(
  v.union([v.pipe(v.number(), v.integer()), integerText], 'Expected an integer or a template'),
  v.metadata({ fieldType: 'integer' as FieldType }),
);

/** A number (also written as text), or a template that renders one. */
export const numberField = v.pipe(
  v.union([v.number(), numberText], 'Expected a number or a template'),
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
  ownRecord(v.string(), v.string()),
  v.metadata({ fieldType: 'string' as FieldType }),
);

/** Free-form YAML (a custom child's body, raw Kubernetes fragments); strings inside may be templated. */
export const anyField = v.pipe(v.unknown(), v.metadata({ fieldType: 'any' as FieldType }));

/** Fields every child item takes, whatever its kind. */
export const commonItemEntries = {
  name: v.optional(stringField),
  namespace: v.optional(stringField),
  labels: v.optional(stringMapField),
  annotations: v.optional(stringMapField),
  reconcile: v.optional(v.boolean()),
  // Issue 14: `when` (all must hold) and `or` (one must hold), see lib/src/conditions.
  when: v.optional(conditionListSchema),
  or: v.optional(conditionListSchema),
  // issue 14 (runtime): one child per element of a list or map of the CR.
  forEach: v.optional(v.strictObject({ field: v.string(), as: v.optional(v.string()) })),
} as const;

/** Reads the `fieldType` a field schema was marked with, if any. */
export function fieldTypeOf(schema: v.GenericSchema): FieldType | undefined {
  const meta = v.getMetadata(schema as Parameters<typeof v.getMetadata>[0]) as { fieldType?: FieldType } | undefined;
  return meta?.fieldType;
}

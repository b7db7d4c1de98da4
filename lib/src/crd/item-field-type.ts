import type * as v from 'valibot';
import { fieldTypeOf, type FieldType } from '../field-schemas/field-schemas.ts';
import { schemaAt, unwrapSchema } from '../katalog/schema-walk.ts';

/**
 * The `fieldType` of the value at `path` inside a child item (`['replicas']`,
 * `['env', 0, 'value']`, `['body', 'spec', 'size']`), read from the item schema; `undefined`
 * when the schema does not reach that far.
 */
export function itemFieldType(itemSchema: v.GenericSchema, path: readonly (string | number)[]): FieldType | undefined {
  const found = schemaAt(itemSchema, path);
  if (found) {
    const exact = unwrapSchema(found);
    const type = fieldTypeOf(exact) ?? baseFieldType(exact);
    if (type) return type;
  }
  // Below a free-form field (`any`) or inside a string map (`string`), the ancestor decides.
  for (let n = path.length - 1; n >= 0; n--) {
    const ancestor = schemaAt(itemSchema, path.slice(0, n));
    const type = ancestor && fieldTypeOf(unwrapSchema(ancestor));
    if (type === 'any' || type === 'string') return type;
  }
  return undefined;
}

function baseFieldType(schema: v.GenericSchema): FieldType | undefined {
  const s = schema as v.GenericSchema & { readonly pipe?: readonly { readonly type: string }[] };
  switch (s.type) {
    case 'string': case 'picklist': return 'string';
    case 'number': return s.pipe?.some((a) => a.type === 'integer') ? 'integer' : 'number';
    case 'boolean': return 'boolean';
    case 'unknown': case 'any': return 'any';
    default: return undefined;
  }
}

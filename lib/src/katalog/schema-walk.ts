import type * as v from 'valibot';

type AnySchema = v.GenericSchema & {
  readonly entries?: Record<string, AnySchema>;
  readonly wrapped?: AnySchema;
  readonly options?: readonly AnySchema[];
  readonly item?: AnySchema;
  readonly value?: AnySchema;
  readonly getter?: (input: unknown) => AnySchema;
};

/** Removes optional/nullable wrappers (a piped schema already carries its base's properties). */
export function unwrapSchema(schema: v.GenericSchema): v.GenericSchema {
  let s = schema as AnySchema;
  while (s.wrapped) s = s.wrapped;
  if (s.getter) s = s.getter(undefined);
  return s;
}

/**
 * Finds the schema that validates the value at `path` below `root`, following object entries,
 * record values, array items and the first union option that has the next step.
 */
export function schemaAt(root: v.GenericSchema, path: readonly (string | number)[]): v.GenericSchema | undefined {
  let s: AnySchema | undefined = unwrapSchema(root) as AnySchema;
  for (const seg of path) {
    s = s ? step(s, seg) : undefined;
    if (!s) return undefined;
  }
  return s;
}

function step(schema: AnySchema, seg: string | number): AnySchema | undefined {
  const s = unwrapSchema(schema) as AnySchema;
  if (s.options) {
    for (const option of s.options) {
      const hit = step(option, seg);
      if (hit) return hit;
    }
    return undefined;
  }
  if (s.entries && typeof seg === 'string') return s.entries[seg];
  if (s.item && typeof seg === 'number') return s.item;
  if (s.value && typeof seg === 'string' && s.type === 'record') return s.value;
  return undefined;
}

/** The keys an object schema at this position accepts, for "did you mean" hints. */
export function allowedKeys(schema: v.GenericSchema | undefined): string[] {
  if (!schema) return [];
  const s = unwrapSchema(schema) as AnySchema;
  if (s.entries) return Object.keys(s.entries);
  if (s.options) return [...new Set(s.options.flatMap((o) => allowedKeys(o)))];
  return [];
}

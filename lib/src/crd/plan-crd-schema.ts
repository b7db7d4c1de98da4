import type { CrdEntry, JsonSchema } from '../katalog/model.ts';
import { checkStructural, type StructuralProblem } from './check-structural.ts';
import { inferSpecSchema } from './infer-spec-schema.ts';
import type { SchemaNote } from './schema-note.ts';
import { planStatusSchema } from './status-schema.ts';

/** A CRD's root `openAPIV3Schema` and what the planner has to say about it. */
export interface CrdSchemaPlan {
  readonly schema: JsonSchema;
  /** Where `.spec`'s schema comes from. */
  readonly specSource: CrdEntry['schemaSource'];
  /** Inference and status-field notes; none of them makes the schema invalid. */
  readonly notes: readonly SchemaNote[];
  /** Why a declared spec schema is not structural; paths start at the declared schema's root. Empty when inferred. */
  readonly problems: readonly StructuralProblem[];
}

/**
 * Plans the root `openAPIV3Schema` of a CRD: apiVersion, kind, metadata, `.spec` (declared in the
 * Katalog or crdFile, else inferred) and `.status` (always Orkestra's own).
 */
export function planCrdSchema(crd: CrdEntry): CrdSchemaPlan {
  const status = planStatusSchema(crd);
  const declared = crd.specSchema ? declaredSpec(crd.specSchema) : undefined;
  const inferred = declared ? undefined : inferSpecSchema(crd);
  const spec = declared?.schema ?? inferred!.schema;
  const schema: JsonSchema = {
    type: 'object',
    ...(crd.description !== undefined ? { description: crd.description } : {}),
    properties: {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      metadata: { type: 'object' },
      spec,
      status: status.schema,
    },
  };
  return {
    // A fresh copy: callers may edit the plan without touching the Katalog or shared constants.
    schema: cloneJson(schema),
    specSource: declared ? crd.schemaSource : 'inferred',
    notes: [...(inferred?.notes ?? []), ...status.notes],
    problems: declared?.problems ?? [],
  };
}

// `.spec` is an object whatever the author wrote; `type: object` may be left out at its root.
function declaredSpec(given: JsonSchema): { schema: JsonSchema; problems: StructuralProblem[] } {
  const schema = given['type'] === undefined ? { type: 'object', ...given } : given;
  const problems = checkStructural(schema);
  if (schema['type'] !== 'object') problems.unshift({ path: ['type'], message: 'the spec schema must be type: object' });
  return { schema, problems };
}

function cloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

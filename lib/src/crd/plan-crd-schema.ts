import { crdVersions } from '../katalog/crd-versions.ts';
import type { CrdEntry, JsonSchema } from '../katalog/model.ts';
import type { ValueType } from '../template/index.ts';
import { checkStructural, type StructuralProblem } from './check-structural.ts';
import { conversionHints, type SpecTypeOf } from './conversion-hints.ts';
import { inferSpecSchema } from './infer-spec-schema.ts';
import type { SchemaNote } from './schema-note.ts';
import { planStatusSchema } from './status-schema.ts';
import { typeAtPath } from './type-at-path.ts';

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
 * Plans the root `openAPIV3Schema` of a CRD version (default: the one the runtime reads):
 * apiVersion, kind, metadata, `.spec` (declared in the Katalog or crdFile, else inferred) and
 * `.status` (always Orkestra's own, the same in every version).
 */
export function planCrdSchema(crd: CrdEntry, version: string = crd.version): CrdSchemaPlan {
  const status = planStatusSchema(crd);
  const given = version === crd.version ? crd.specSchema : crdVersions(crd).find((v) => v.name === version)?.specSchema;
  const declared = given ? declaredSpec(given) : undefined;
  const inferred = declared ? undefined : inferVersionSpec(crd, version);
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
    specSource: declared ? (version === crd.version ? crd.schemaSource : 'katalog') : 'inferred',
    notes: [...(inferred?.notes ?? []), ...status.notes],
    problems: declared?.problems ?? [],
  };
}

// Issue 18 (spec/crd.md §9.2): the runtime version is inferred from its templates plus the paths
// that read or write it; another version from the paths alone, or, when no path names it (or one
// copies the spec as it is), it has the runtime version's schema. Types known from declared
// versions (and, for other versions, the runtime version's inferred one) flow through copies.
function inferVersionSpec(crd: CrdEntry, version: string): ReturnType<typeof inferSpecSchema> {
  const conversion = crd.conversion;
  const declared = declaredTypes(crd);
  if (version === crd.version) return inferSpecSchema(crd, conversion ? conversionHints(conversion, version, declared) : []);
  const paths = (conversion?.paths ?? []).filter((p) => p.from === version || p.to === version);
  const runtime = (): ReturnType<typeof inferSpecSchema> => inferVersionSpec(crd, crd.version);
  const copied = paths.find((p) => p.spec === undefined);
  if (paths.length === 0 || copied) {
    const partner = copied ? (copied.from === version ? copied.to : copied.from) : crd.version;
    const of = crdVersions(crd).find((v) => v.name === partner)?.specSchema;
    return of ? { schema: declaredSpec(of).schema, notes: [] } : runtime();
  }
  const runtimeSchema = { properties: { spec: runtime().schema } };
  const typeOf: SpecTypeOf = (v, path) => (v === crd.version && crd.specSchema === undefined ? known(typeAtPath(runtimeSchema, ['spec', ...path])) : declared(v, path));
  const versionPath = crdVersions(crd).find((v) => v.name === version)?.path ?? crd.path;
  return inferSpecSchema({ children: [], status: { conditions: true, fields: [] }, path: versionPath }, conversionHints(conversion!, version, typeOf));
}

function declaredTypes(crd: CrdEntry): SpecTypeOf {
  const schemas = new Map(crdVersions(crd).flatMap((v) => {
    const s = v.name === crd.version ? crd.specSchema : v.specSchema;
    return s ? [[v.name, { properties: { spec: s } }] as const] : [];
  }));
  return (v, path) => {
    const root = schemas.get(v);
    return root ? known(typeAtPath(root, ['spec', ...path])) : 'unknown';
  };
}

function known(t: ValueType | 'missing'): ValueType {
  return t === 'missing' ? 'unknown' : t;
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

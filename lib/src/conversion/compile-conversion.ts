// A CRD's conversion paths compiled once (templates parsed, target types looked up), so the
// gateway converts each object without parsing anything (spec/gateway.md §7).
import { CONVERSION_ROOTS } from '../crd/conversion-hints.ts';
import { planCrdSchema } from '../crd/plan-crd-schema.ts';
import { typeAtPath } from '../crd/type-at-path.ts';
import { crdVersions } from '../katalog/crd-versions.ts';
import type { ConversionPath, CrdEntry, JsonSchema } from '../katalog/model.ts';
import { compileTemplate, isTemplate, type Template } from '../template/index.ts';
import { findChain } from './find-chain.ts';

/** How a rendered text is read into its target field (spec/crd.md §9.4). */
export type Coercion = 'integer' | 'number' | 'boolean' | 'json' | 'none';

/** One value of a path's spec map, compiled. */
export type SpecNode =
  | { readonly type: 'template'; readonly template: Template; readonly coerce: Coercion; readonly at: string }
  | { readonly type: 'broken'; readonly message: string; readonly at: string }
  | { readonly type: 'literal'; readonly value: unknown }
  | { readonly type: 'map'; readonly entries: readonly (readonly [string, SpecNode])[] }
  | { readonly type: 'list'; readonly items: readonly SpecNode[] };

/** One annotation a path sets: a template, or a fixed value. */
export type AnnotationNode = { readonly key: string; readonly node: SpecNode };

/** One path, ready to apply. */
export interface CompiledPath {
  readonly from: string;
  readonly to: string;
  /** Absent: the spec is copied as it is. */
  readonly spec?: SpecNode;
  readonly annotations: readonly AnnotationNode[];
  /** Where the path is in the Katalog, for messages. */
  readonly source: ConversionPath;
}

/** A CRD's conversion, compiled. */
export interface CompiledConversion {
  /** The CRD's key in spec.crds: the label of metrics. */
  readonly crd: string;
  readonly group: string;
  readonly kind: string;
  readonly versions: readonly string[];
  readonly storage: string;
  readonly paths: readonly CompiledPath[];
  /** The shortest chain of paths from one version to another; undefined when none exists. Cached. */
  chain(from: string, to: string): readonly CompiledPath[] | undefined;
}

/** Compiles a CRD's paths; a template that does not compile fails each object that reaches it, with its error. */
export function compileConversion(crd: CrdEntry): CompiledConversion {
  const versions = crdVersions(crd).map((v) => v.name);
  const schemas = new Map<string, JsonSchema>();
  const schemaOf = (version: string): JsonSchema => {
    let s = schemas.get(version);
    if (!s) {
      s = planCrdSchema(crd, version).schema;
      schemas.set(version, s);
    }
    return s;
  };
  const paths = (crd.conversion?.paths ?? []).map((p): CompiledPath => ({
    from: p.from,
    to: p.to,
    ...(p.spec !== undefined ? { spec: compileNode(p.spec, [], versions.includes(p.to) ? schemaOf(p.to) : undefined) } : {}),
    annotations: Object.entries(p.annotations).map(([key, value]) => ({ key, node: compileNode(value, [], undefined, `annotations.${key}`) })),
    source: p,
  }));
  const chains = new Map<string, readonly CompiledPath[] | undefined>();
  return {
    crd: crd.name,
    group: crd.group,
    kind: crd.kind,
    versions,
    storage: crdVersions(crd).find((v) => v.storage)?.name ?? crd.version,
    paths,
    chain(from, to) {
      const key = `${from}\u0000${to}`;
      if (!chains.has(key)) chains.set(key, findChain(paths, from, to));
      return chains.get(key);
    },
  };
}

function compileNode(value: unknown, at: readonly string[], target: JsonSchema | undefined, label?: string): SpecNode {
  const where = label ?? `spec.${at.join('.')}`;
  if (typeof value === 'string' && isTemplate(value)) {
    const compiled = compileTemplate(value, { roots: CONVERSION_ROOTS });
    if (!compiled.ok) return { type: 'broken', message: `${compiled.error.code}: ${compiled.error.message}`, at: where };
    return { type: 'template', template: compiled.template, coerce: target ? coercionFor(target, at) : 'none', at: where };
  }
  if (Array.isArray(value)) return { type: 'list', items: value.map((v, i) => compileNode(v, [...at, String(i)], undefined, `${where}[${i}]`)) };
  if (typeof value === 'object' && value !== null && Object.keys(value).length > 0) {
    return { type: 'map', entries: Object.entries(value).map(([k, v]) => [k, compileNode(v, [...at, k], target)] as const) };
  }
  return { type: 'literal', value };
}

function coercionFor(root: JsonSchema, at: readonly string[]): Coercion {
  const type = typeAtPath(root, ['spec', ...at]);
  return type === 'integer' || type === 'number' || type === 'boolean' ? type : type === 'object' || type === 'array' ? 'json' : 'none';
}

// Issue 18: what the conversion paths say about one version's `.spec` (spec/crd.md §9.2). A path
// into the version writes its fields (a key of the path's spec is a field of the target); a path
// out of it reads them (a template reading `.spec.x` needs x in the source). The API server prunes
// whatever a version's schema does not define, so both must be in an inferred schema.
import type { FieldType } from '../field-schemas/field-schemas.ts';
import type { CrdConversion } from '../katalog/model.ts';
import type { DocPath } from '../katalog/locate.ts';
import { compileTemplate, inferTemplateType, isTemplate, type Template, type ValueType } from '../template/index.ts';
import { templateHints, type InferredType, type SpecHint } from './collect-spec-hints.ts';

/** The roots a conversion template reads: the source object's metadata, spec and status. */
export const CONVERSION_ROOTS: readonly string[] = ['metadata', 'spec', 'status'];

/** What is known of the type at a `.spec` path of a version (`unknown` when nothing is). */
export type SpecTypeOf = (version: string, specPath: readonly string[]) => ValueType;

/**
 * The source field a template copies as it is (`{{ .spec.a.b }}`, possibly `| default X`), as
 * `['spec', 'a', 'b']`; undefined for any other template.
 */
export function pureCopyPath(t: Template): readonly string[] | undefined {
  const only = t.nodes[0];
  if (!t.singleAction || only?.type !== 'output') return undefined;
  const [first, ...rest] = only.pipeline.stages;
  if (first?.type !== 'path' || rest.some((s) => s.type !== 'call' || s.name !== 'default')) return undefined;
  return first.path;
}

/** The hints the paths of `conversion` give on `version`'s spec. */
export function conversionHints(conversion: CrdConversion, version: string, typeOf: SpecTypeOf): SpecHint[] {
  const out: SpecHint[] = [];
  for (const p of conversion.paths) {
    if (p.spec === undefined) continue;
    if (p.to === version) walk(p.spec, [], [...p.path, 'spec'], (value, at, doc) => out.push(...writeHints(value, at, doc, p.from, typeOf)));
    if (p.from === version) {
      walk(p.spec, [], [...p.path, 'spec'], (value, at, doc) => {
        if (typeof value === 'string' && isTemplate(value)) out.push(...templateHints(value, fieldTypeOf(typeOf(p.to, at)), doc));
      });
      for (const [key, value] of Object.entries(p.annotations)) if (isTemplate(value)) out.push(...templateHints(value, 'string', [...p.path, 'annotations', key]));
    }
  }
  return out;
}

// Visits every leaf of a path's spec map with its key path; maps nest (their keys are fields).
function walk(value: unknown, at: string[], doc: DocPath, visit: (value: unknown, at: string[], doc: DocPath) => void): void {
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length > 0) {
    for (const [k, v] of Object.entries(value)) walk(v, [...at, k], [...doc, k], visit);
  } else visit(value, at, doc);
}

function writeHints(value: unknown, at: string[], doc: DocPath, from: string, typeOf: SpecTypeOf): SpecHint[] {
  const hint = (h: SpecHint['hint']): SpecHint[] => [{ path: at, hint: h, source: doc }];
  if (typeof value === 'string' && isTemplate(value)) {
    const compiled = compileTemplate(value, { roots: CONVERSION_ROOTS });
    if (!compiled.ok) return [];
    const copy = pureCopyPath(compiled.template);
    const lookup = (path: readonly string[]): ValueType => (path[0] === 'spec' ? typeOf(from, path.slice(1)) : 'unknown');
    const type = copy !== undefined ? lookup(copy) : inferTemplateType(compiled.template, lookup);
    const scalar = scalarOf(type);
    // A copy carries the source field's type; anything else only suggests one.
    return scalar ? hint({ type: 'value', valueType: scalar, strong: copy !== undefined && scalar !== 'string' }) : hint({ type: 'whole' });
  }
  if (typeof value === 'string') return hint({ type: 'value', valueType: 'string', strong: false });
  if (typeof value === 'boolean') return hint({ type: 'value', valueType: 'boolean', strong: false });
  if (typeof value === 'number') return hint({ type: 'value', valueType: Number.isInteger(value) ? 'integer' : 'number', strong: false });
  // A list, an empty map or null: kept as written.
  return hint({ type: 'whole' });
}

function scalarOf(type: ValueType): InferredType | undefined {
  return type === 'string' || type === 'integer' || type === 'number' || type === 'boolean' ? type : undefined;
}

function fieldTypeOf(type: ValueType): FieldType {
  return type === 'string' || type === 'integer' || type === 'number' || type === 'boolean' ? type : 'any';
}

// Issue 18: the validate-time check of a CRD's versions and conversion paths (spec/crd.md §9.5):
// versions the paths name, repeated paths, templates, fields read and written against each
// version's schema, every served version reachable from and to the storage version, and fields
// a round trip loses. What one entry says about itself (duplicates, storage, deprecation) was
// checked when it was normalised (katalog/normalize-versions.ts).
import { CONVERSION_ROOTS } from '../crd/conversion-hints.ts';
import { planCrdSchema } from '../crd/plan-crd-schema.ts';
import { typeAtPath } from '../crd/type-at-path.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { makeDiagnostic } from '../diagnostics/make-diagnostic.ts';
import { crdVersions } from '../katalog/crd-versions.ts';
import type { DocPath, Locator } from '../katalog/locate.ts';
import type { ConversionPath, CrdEntry, JsonSchema, Security } from '../katalog/model.ts';
import { compileTemplate, isTemplate, templateReferences } from '../template/index.ts';
import { findChain } from './find-chain.ts';

// A qualified name with an optional DNS subdomain prefix (Kubernetes' annotation keys).
const ANNOTATION_KEY = /^(?:(?=.{1,253}\/)[a-z0-9](?:[-a-z0-9]*[a-z0-9])?(?:\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)*\/)?(?=.{1,63}$)[A-Za-z0-9](?:[-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/** Checks one CRD's versions and conversion; `security` says whether /convert is switched off. */
export function checkConversion(crd: CrdEntry, locator: Locator, security?: Security): Diagnostic[] {
  const versions = crdVersions(crd);
  if (versions.length < 2 && crd.conversion === undefined) return [];
  const out: Diagnostic[] = [];
  const names = versions.map((v) => v.name);
  const conv = crd.conversion;
  const paths = conv?.paths ?? [];
  const schemas = new Map<string, JsonSchema>();
  const schemaOf = (version: string): JsonSchema => {
    let s = schemas.get(version);
    if (!s) schemas.set(version, (s = planCrdSchema(crd, version).schema));
    return s;
  };
  const declared = (version: string): boolean => versions.find((v) => v.name === version)?.specSchema !== undefined;

  if (paths.length === 0 && versions.length > 1) {
    const shapes = new Set(versions.map((v) => JSON.stringify(schemaOf(v.name)['properties'] && (schemaOf(v.name)['properties'] as Record<string, unknown>)['spec'])));
    if (shapes.size > 1) out.push(makeDiagnostic('ORK1462', locator.at([...crd.path, 'versions']), `versions ${names.join(', ')} of ${crd.kind} have different schemas and no conversion paths`));
    return out;
  }
  if (paths.length > 0 && security?.conversion?.enabled === false) {
    out.push(makeDiagnostic('ORK1461', locator.at([...crd.path, 'conversion', 'paths']), `${crd.kind} has conversion paths but security.conversion.enabled is false`));
  }

  const seen = new Set<string>();
  const usable: ConversionPath[] = [];
  for (const p of paths) {
    let ok = true;
    for (const end of ['from', 'to'] as const) {
      if (!names.includes(p[end])) {
        ok = false;
        out.push(makeDiagnostic('ORK1454', locator.at([...p.path, end]), `${end}: ${p[end]} is not a version of ${crd.kind} (its versions are ${names.join(', ')})`));
      }
    }
    const key = `${p.from} → ${p.to}`;
    if (p.from === p.to || seen.has(key)) {
      ok = false;
      out.push(makeDiagnostic('ORK1455', locator.at(p.path), p.from === p.to ? `the path from ${p.from} leads to ${p.to} itself` : `the path ${key} is given twice`));
    }
    seen.add(key);
    for (const key of Object.keys(p.annotations)) {
      if (!ANNOTATION_KEY.test(key)) out.push(makeDiagnostic('ORK1460', locator.at([...p.path, 'annotations', key], 'key'), `"${key}" is not a valid annotation key`));
    }
    if (!ok) continue;
    usable.push(p);
    out.push(...checkTemplates(p, schemaOf(p.from), declared(p.from), locator));
    if (p.spec !== undefined && declared(p.to)) {
      leaves(p.spec, [], [...p.path, 'spec'], (at, doc) => {
        if (typeAtPath(schemaOf(p.to), ['spec', ...at]) === 'missing') {
          out.push(makeDiagnostic('ORK1459', locator.at(doc, 'key'), `spec.${at.join('.')} is not a field of ${p.to}, whose schema would prune it`));
        }
      });
    }
  }

  const storage = versions.find((v) => v.storage)?.name ?? crd.version;
  for (const v of versions) {
    if (v.name === storage) continue;
    const missing = [
      ...(findChain(usable, v.name, storage) ? [] : [`${v.name} → ${storage}`]),
      ...(findChain(usable, storage, v.name) ? [] : [`${storage} → ${v.name}`]),
    ];
    if (missing.length === 0) continue;
    const code = v.served ? 'ORK1456' : 'ORK1463';
    out.push(makeDiagnostic(code, locator.at(v.path), `${crd.kind} ${v.name} cannot be converted ${missing.length === 2 ? 'to or from' : missing[0]!.startsWith(v.name) ? 'to' : 'from'} the storage version ${storage}: add a path ${missing.join(' and ')} under conversion.paths`));
  }

  for (const p of usable) {
    if (p.spec === undefined || !findChain(usable, p.to, p.from)) continue;
    const lost = lostFields(p, schemaOf(p.from));
    if (lost.length === 0) continue;
    out.push(makeDiagnostic('ORK1457', locator.at(p.path),
      `${lost.map((f) => `spec.${f}`).join(', ')} of ${p.from} ${lost.length === 1 ? 'is' : 'are'} not read by the path to ${p.to}: lost when an object goes ${p.from} → ${p.to} → ${p.from}`));
  }
  return out;
}

// Template syntax, and fields read that the source version does not define (only a declared
// schema can say so: an inferred one holds whatever the paths read).
function checkTemplates(p: ConversionPath, fromSchema: JsonSchema, declaredFrom: boolean, locator: Locator): Diagnostic[] {
  const out: Diagnostic[] = [];
  const visit = (value: unknown, doc: DocPath): void => {
    if (typeof value !== 'string' || !isTemplate(value)) return;
    const compiled = compileTemplate(value, { roots: CONVERSION_ROOTS });
    if (!compiled.ok) {
      const e = compiled.error;
      out.push(makeDiagnostic(e.code, locator.inScalar(doc, e.offset), e.message, e.hint !== undefined ? { hint: e.hint } : {}));
      return;
    }
    if (!declaredFrom) return;
    for (const ref of templateReferences(compiled.template)) {
      if (ref.path[0] === 'spec' && typeAtPath(fromSchema, ref.path) === 'missing') {
        out.push(makeDiagnostic('ORK1458', locator.inScalar(doc, ref.offset), `.${ref.path.join('.')} is not a field of ${p.from}`));
      }
    }
  };
  if (p.spec !== undefined) leaves(p.spec, [], [...p.path, 'spec'], (_at, doc, value) => visit(value, doc), true);
  for (const [key, value] of Object.entries(p.annotations)) visit(value, [...p.path, 'annotations', key]);
  return out;
}

/**
 * The leaf fields of the source version's spec (dotted) that no template of the path reads, in
 * its spec or its annotations. Reading a field reads everything under it; reading a field under
 * an object reads only that part of it.
 */
export function lostFields(p: Pick<ConversionPath, 'spec' | 'annotations'>, fromSchema: JsonSchema): string[] {
  if (p.spec === undefined) return [];
  const read: string[][] = [];
  const collect = (value: unknown): void => {
    if (typeof value !== 'string' || !isTemplate(value)) return;
    const compiled = compileTemplate(value, { roots: CONVERSION_ROOTS });
    if (!compiled.ok) return;
    for (const ref of templateReferences(compiled.template)) {
      if (ref.path[0] === 'spec') read.push(ref.path.slice(1));
      // `.spec` as a whole (toJson .spec) reads every field.
      if (ref.path.length === 0 || (ref.path.length === 1 && ref.path[0] === 'spec')) read.push([]);
    }
  };
  leaves(p.spec, [], [], (_at, _doc, value) => collect(value), true);
  for (const value of Object.values(p.annotations)) collect(value);
  const spec = ((fromSchema['properties'] as Record<string, JsonSchema> | undefined)?.['spec']) ?? {};
  const lost: string[] = [];
  schemaLeaves(spec, [], (at) => {
    if (!read.some((r) => r.length <= at.length && r.every((k, i) => at[i] === k))) lost.push(at.join('.'));
  });
  return lost;
}

function schemaLeaves(schema: JsonSchema, at: string[], visit: (at: string[]) => void): void {
  const props = schema['properties'];
  if (typeof props === 'object' && props !== null && Object.keys(props).length > 0) {
    for (const [k, s] of Object.entries(props as Record<string, JsonSchema>)) schemaLeaves(s, [...at, k], visit);
  } else if (at.length > 0) visit(at);
}

// Each leaf of a path's spec map (maps nest; lists and scalars are leaves unless `intoLists`).
function leaves(value: unknown, at: string[], doc: DocPath, visit: (at: string[], doc: DocPath, value: unknown) => void, intoLists = false): void {
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length > 0) {
    for (const [k, v] of Object.entries(value)) leaves(v, [...at, k], [...doc, k], visit, intoLists);
  } else if (intoLists && Array.isArray(value)) {
    value.forEach((v, i) => leaves(v, at, [...doc, i], visit, intoLists));
  } else visit(at, doc, value);
}

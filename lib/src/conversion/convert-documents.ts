// Issue 18: `ork convert` in lib (pure): every YAML document of a custom-resource file converted
// to one version with the same code the gateway's /convert runs. A document that cannot be
// converted is reported with its ORK32xx code, its place in the file and the YAML to add.
import { parseAllDocuments } from 'yaml';
import type { Katalog } from '../katalog/model.ts';
import type { Code } from '../diagnostics/codes.ts';
import { isRecord } from '../template/values.ts';
import { compileConversion, type CompiledConversion } from './compile-conversion.ts';
import { convertObject, splitApiVersion } from './convert-object.ts';

/** One document that could not be converted. */
export interface ConvertProblem {
  readonly code: Code;
  /** 1-based document number and line where it starts. */
  readonly document: number;
  readonly line: number;
  readonly message: string;
  readonly hint?: string;
}

/** The converted objects, or every problem (nothing is printed half-converted). */
export type ConvertDocumentsResult =
  | { readonly ok: true; readonly objects: readonly Record<string, unknown>[] }
  | { readonly ok: false; readonly problems: readonly ConvertProblem[] };

/** Converts each document of `text` to `to` (a version, or group/version). */
export function convertDocuments(katalog: Katalog, text: string, to: string): ConvertDocumentsResult {
  const compiled = new Map<string, CompiledConversion>();
  const conversionOf = (group: string, kind: string): CompiledConversion | undefined => {
    const crd = katalog.crds.find((c) => c.enabled && c.group === group && c.kind === kind);
    if (!crd) return undefined;
    let c = compiled.get(crd.name);
    if (!c) compiled.set(crd.name, (c = compileConversion(crd)));
    return c;
  };
  const lineOf = (offset: number): number => text.slice(0, offset).split('\n').length;
  const problems: ConvertProblem[] = [];
  const objects: Record<string, unknown>[] = [];
  parseAllDocuments(text).forEach((doc, i) => {
    const at = { document: i + 1, line: lineOf(doc.range[0]) };
    if (doc.errors.length > 0) {
      problems.push({ code: 'ORK3205', ...at, message: `not YAML: ${doc.errors[0]!.message.split('\n')[0]}` });
      return;
    }
    const value: unknown = doc.toJS();
    if (value === null || value === undefined) return;
    const meta = isRecord(value) && isRecord(value['metadata']) ? value['metadata'] : undefined;
    if (!isRecord(value) || typeof value['apiVersion'] !== 'string' || typeof value['kind'] !== 'string' || typeof meta?.['name'] !== 'string') {
      problems.push({ code: 'ORK3205', ...at, message: 'not a custom resource: apiVersion, kind and metadata.name are needed' });
      return;
    }
    const group = splitApiVersion(value['apiVersion']).group;
    const c = conversionOf(group, value['kind']);
    if (!c) {
      problems.push({ code: 'ORK3202', ...at, message: `${value['kind']} of ${group || 'the core group'} is not a CRD of Katalog ${katalog.metadata.name} (its kinds: ${katalog.crds.map((k) => `${k.kind}.${k.group}`).join(', ') || 'none'})` });
      return;
    }
    const crd = katalog.crds.find((k) => k.name === c.crd)!;
    const r = convertObject(c, value, to.includes('/') ? to : `${crd.group}/${to}`);
    if (r.ok) objects.push(r.object);
    else {
      const hint = r.hint;
      problems.push({ code: r.code, ...at, message: `${value['kind']} ${String(meta['name'])}: ${r.message}`, ...(hint !== undefined ? { hint } : {}) });
    }
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, objects };
}

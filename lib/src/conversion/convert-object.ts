// Converts one custom resource between versions of its CRD (spec/crd.md §9.4): along the chain of
// paths, each step renders the target's spec from the source object; metadata is kept (a path may
// set annotations), status is kept, apiVersion becomes the target's. Never throws.
import type { Code } from '../diagnostics/codes.ts';
import { renderTemplate } from '../template/index.ts';
import { formatText, isRecord } from '../template/values.ts';
import type { Coercion, CompiledConversion, CompiledPath, SpecNode } from './compile-conversion.ts';

/** A converted object, or why it could not be converted (`code` from the ORK32xx catalogue). */
export type ConvertResult =
  | { readonly ok: true; readonly object: Record<string, unknown>; readonly from: string }
  | { readonly ok: false; readonly code: Code; readonly message: string; readonly hint?: string; readonly from?: string };

class Failure {
  readonly message: string;
  constructor(message: string) {
    this.message = message;
  }
}

/** Splits `group/version` (a core `v1` has no group). */
export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.lastIndexOf('/');
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** Converts `object` to `desired` (a version, or `group/version`). */
export function convertObject(c: CompiledConversion, object: unknown, desired: string): ConvertResult {
  if (!isRecord(object)) return { ok: false, code: 'ORK3205', message: 'the object is not a mapping' };
  const apiVersion = object['apiVersion'];
  if (typeof apiVersion !== 'string') return { ok: false, code: 'ORK3205', message: 'the object has no apiVersion' };
  const source = splitApiVersion(apiVersion);
  if (source.group !== c.group || object['kind'] !== c.kind) {
    return { ok: false, code: 'ORK3202', message: `${String(object['kind'])} in ${apiVersion} is not a ${c.kind} of ${c.group}` };
  }
  const target = desired.includes('/') ? splitApiVersion(desired) : { group: c.group, version: desired };
  if (target.group !== c.group) return { ok: false, code: 'ORK3202', message: `cannot convert a ${c.kind} of ${c.group} to ${desired}: another API group` };
  for (const [v, which] of [[source.version, 'the object\'s version'], [target.version, 'the version asked for']] as const) {
    if (!c.versions.includes(v)) {
      return { ok: false, code: 'ORK3201', message: `${v} (${which}) is not a version of ${c.kind}; its versions are ${c.versions.join(', ')}`, from: source.version };
    }
  }
  const chain = c.chain(source.version, target.version);
  if (!chain) {
    return {
      ok: false, code: 'ORK3200', from: source.version,
      message: `no conversion path from ${source.version} to ${target.version} for ${c.kind} (not even through other versions)`,
      hint: `add to spec.crds.${c.crd}.conversion.paths:\n  - from: ${source.version}\n    to: ${target.version}\n    spec:\n      # the ${target.version} spec, as templates over the ${source.version} object`,
    };
  }
  let current: Record<string, unknown> = object;
  try {
    for (const step of chain) current = applyStep(step, current, c.group);
  } catch (err) {
    if (!(err instanceof Failure)) throw err;
    return { ok: false, code: 'ORK3203', message: err.message, from: source.version };
  }
  // The same version (or a chain that ends where it began) changes nothing but apiVersion.
  return { ok: true, object: current === object ? { ...object, apiVersion: `${c.group}/${target.version}` } : current, from: source.version };
}

function applyStep(step: CompiledPath, object: Record<string, unknown>, group: string): Record<string, unknown> {
  const where = `${step.from} → ${step.to}`;
  const out: Record<string, unknown> = { ...object, apiVersion: `${group}/${step.to}` };
  if (step.spec !== undefined) {
    const spec = render(step.spec, object, where);
    // A spec made only of absent fields stays as it was: absent, or an empty object.
    if (spec !== undefined) out['spec'] = spec;
    else if (isRecord(object['spec'])) out['spec'] = {};
    else delete out['spec'];
  }
  if (step.annotations.length > 0) {
    const metadata = isRecord(object['metadata']) ? object['metadata'] : {};
    const annotations: Record<string, string> = isRecord(metadata['annotations']) ? { ...(metadata['annotations'] as Record<string, string>) } : {};
    for (const { key, node } of step.annotations) {
      const value = render(node, object, where);
      const text = value === undefined ? '' : formatText(value);
      if (text === '') delete annotations[key];
      else annotations[key] = text;
    }
    const { annotations: _before, ...rest } = metadata;
    out['metadata'] = Object.keys(annotations).length > 0 ? { ...rest, annotations } : rest;
  }
  return out;
}

// undefined means "leave the key out": an absent source field stays absent in the target.
function render(node: SpecNode, data: unknown, where: string): unknown {
  switch (node.type) {
    case 'literal': return typeof node.value === 'object' && node.value !== null ? JSON.parse(JSON.stringify(node.value)) : node.value;
    case 'broken': throw new Failure(`${where}: ${node.at}: ${node.message}`);
    case 'template': {
      const r = renderTemplate(node.template, data);
      if (!r.ok) throw new Failure(`${where}: ${node.at}: ${r.error}`);
      const value = r.value;
      if (value === undefined || (value === '' && !node.template.singleAction)) return undefined;
      return typeof value === 'string' && node.coerce !== 'none' ? coerce(value, node.coerce, `${where}: ${node.at}`) : value;
    }
    case 'map': {
      const out: Record<string, unknown> = {};
      let kept = 0;
      for (const [key, child] of node.entries) {
        const value = render(child, data, where);
        if (value === undefined) continue;
        // defineProperty-like assignment through fromEntries semantics: a "__proto__" key stays data.
        Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
        kept++;
      }
      return kept > 0 ? out : undefined;
    }
    case 'list': return node.items.map((item) => render(item, data, where)).filter((v) => v !== undefined);
  }
}

function coerce(text: string, to: Exclude<Coercion, 'none'>, where: string): unknown {
  switch (to) {
    case 'integer':
      if (/^-?\d+$/.test(text.trim())) return Number(text.trim());
      throw new Failure(`${where}: "${clip(text)}" is not an integer, which the target version needs here`);
    case 'number':
      if (text.trim() !== '' && Number.isFinite(Number(text))) return Number(text);
      throw new Failure(`${where}: "${clip(text)}" is not a number, which the target version needs here`);
    case 'boolean':
      if (text === 'true' || text === 'false') return text === 'true';
      throw new Failure(`${where}: "${clip(text)}" is not true or false, which the target version needs here`);
    case 'json':
      if (text === '') return undefined;
      try {
        return JSON.parse(text) as unknown;
      } catch {
        throw new Failure(`${where}: the target version needs an object or a list here, and "${clip(text)}" is not JSON (write it with toJson)`);
      }
  }
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

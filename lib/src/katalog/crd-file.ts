import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { makeDiagnostic, type Place } from '../diagnostics/make-diagnostic.ts';
import type { JsonSchema } from './model.ts';
import { readYaml } from './read-yaml.ts';

/** The names, scope and spec schema read from a CustomResourceDefinition file. */
export interface CrdFileFacts {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly plural: string;
  readonly singular?: string;
  readonly shortNames?: readonly string[];
  readonly categories?: readonly string[];
  readonly scope: 'Namespaced' | 'Cluster';
  readonly specSchema?: JsonSchema;
  /** The CRD as data, so the bundle's ConfigMap can carry it resolved. */
  readonly crd: unknown;
}

/** Resolves `rel` against the Katalog's own path, as a shell would (no I/O: strings only). */
export function resolveRelative(katalogFile: string, rel: string): string {
  if (rel.startsWith('/')) return rel;
  const slash = katalogFile.lastIndexOf('/');
  const dir = slash >= 0 ? katalogFile.slice(0, slash) : '.';
  const parts = `${dir}/${rel}`.split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '.' || p === '') continue;
    if (p === '..' && out.length && out[out.length - 1] !== '..') out.pop();
    else out.push(p);
  }
  return (katalogFile.startsWith('/') ? '/' : '') + out.join('/');
}

/**
 * Reads group/version/kind/plural/scope and the spec schema from a CRD file.
 * The served version is the storage one, else the first served, else the first listed.
 */
export function readCrdFile(
  file: string,
  text: string | undefined,
  place: Place,
): { facts?: CrdFileFacts; diagnostics: Diagnostic[] } {
  if (text === undefined) return { diagnostics: [makeDiagnostic('ORK1303', place, `cannot read crdFile ${file}`)] };
  const read = readYaml(file, text);
  if (read.diagnostics.length) {
    return { diagnostics: [makeDiagnostic('ORK1303', place, `crdFile ${file} is not valid YAML: ${read.diagnostics[0]!.message}`), ...read.diagnostics] };
  }
  const crd = read.value as Record<string, any>;
  const spec = crd?.['spec'];
  const names = spec?.names;
  const versions: any[] = Array.isArray(spec?.versions) ? spec.versions : [];
  const chosen = versions.find((x) => x?.storage === true) ?? versions.find((x) => x?.served === true) ?? versions[0];
  if (crd?.['kind'] !== 'CustomResourceDefinition' || typeof spec?.group !== 'string' || typeof names?.kind !== 'string'
      || typeof names?.plural !== 'string' || typeof chosen?.name !== 'string') {
    return { diagnostics: [makeDiagnostic('ORK1303', place, `crdFile ${file} is not a CustomResourceDefinition with spec.group, spec.names.kind, spec.names.plural and a version`)] };
  }
  const specSchema = chosen.schema?.openAPIV3Schema?.properties?.spec;
  return {
    diagnostics: [],
    facts: {
      group: spec.group,
      version: chosen.name,
      kind: names.kind,
      plural: names.plural,
      ...(typeof names.singular === 'string' ? { singular: names.singular } : {}),
      ...(Array.isArray(names.shortNames) ? { shortNames: names.shortNames } : {}),
      ...(Array.isArray(names.categories) ? { categories: names.categories } : {}),
      scope: spec.scope === 'Cluster' ? 'Cluster' : 'Namespaced',
      ...(specSchema && typeof specSchema === 'object' ? { specSchema } : {}),
      crd,
    },
  };
}

import * as v from 'valibot';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { hasErrors, sortDiagnostics } from '../diagnostics/diagnostic.ts';
import { makeDiagnostic, type Place } from '../diagnostics/make-diagnostic.ts';
import { checkKatalog } from '../katalog/check-katalog.ts';
import { formatPath, makeLocator, type DocPath, type Locator } from '../katalog/locate.ts';
import { mapIssues } from '../katalog/map-issues.ts';
import type { Katalog } from '../katalog/model.ts';
import { normalizeKatalog, type ReadFile } from '../katalog/normalize-katalog.ts';
import { MAX_KATALOG_BYTES, readYaml } from '../katalog/read-yaml.ts';
import { parseSimpleYaml } from '../katalog/parse-simple-yaml.ts';
import { lazyLocator } from '../katalog/lazy-locator.ts';
import { katalogSchema } from '../katalog/schema.ts';
import { checkChildren } from './check-children.ts';
import { checkConversion } from '../conversion/check-conversion.ts';

/**
 * Reads the document: the fast reader for the plain YAML Katalogs are written in (positions then
 * come lazily, only if a diagnostic needs one), the full YAML reader for everything else.
 */
function readDocument(source: KatalogSource): { value: Record<string, unknown>; locator: Locator; diagnostics: Diagnostic[]; failed: boolean } {
  const fast = source.text.length <= MAX_KATALOG_BYTES ? parseSimpleYaml(source.text) : undefined;
  if (fast !== null && typeof fast === 'object' && !Array.isArray(fast)) {
    return { value: fast as Record<string, unknown>, locator: lazyLocator(source.file, source.text), diagnostics: [], failed: false };
  }
  const read = readYaml(source.file, source.text);
  if (!read.doc || hasErrors(read.diagnostics)) return { value: {}, locator: lazyLocator(source.file, source.text), diagnostics: read.diagnostics, failed: true };
  return { value: read.value as Record<string, unknown>, locator: makeLocator(read.doc, read.lineCounter, source.file), diagnostics: [...read.diagnostics], failed: false };
}

/** The apiVersion every Katalog carries. */
export const KATALOG_API_VERSION = 'orkestra.orkspace.io/v1';

/** A Katalog's text and the name it is reported under (a path, or `<stdin>`). */
export interface KatalogSource {
  readonly file: string;
  readonly text: string;
}

/** Options for parseKatalog; `readFile` resolves crdFile entries (relative paths already joined). */
export interface ParseKatalogOptions {
  readonly readFile?: ReadFile;
}

/**
 * The house result: the Katalog when no diagnostic is an error, else only the diagnostics (every
 * one, sorted, warnings included either way). The locator is always there, so a tool can place its
 * own findings (RBAC, bundle) in the same file, even when the YAML could not be read.
 */
export type ParseKatalogResult =
  | { readonly ok: true; readonly katalog: Katalog; readonly diagnostics: readonly Diagnostic[]; readonly locator: Locator }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[]; readonly locator: Locator };

/**
 * Parses and validates a Katalog: YAML with positions, shape (unknown fields are errors),
 * defaults, crdFile resolution, dependencies, child items and templates.
 */
export function parseKatalog(source: KatalogSource, options: ParseKatalogOptions = {}): ParseKatalogResult {
  try {
    return parseChecked(source, options);
  } catch (err) {
    // The readers bound nesting (ORK1012) before anything recurses; this is the net under them, so a
    // crafted input is a diagnostic, never a RangeError that crash-loops `ork run` (issue 12).
    if (!(err instanceof RangeError)) throw err;
    const top = (path: DocPath): Place => ({ file: source.file, line: 1, column: 1, path: formatPath(path) });
    const diagnostic = makeDiagnostic('ORK1012', top([]), `the document is too deeply nested to read (${err.message})`);
    return { ok: false, diagnostics: [diagnostic], locator: { at: top, inScalar: top } };
  }
}

function parseChecked(source: KatalogSource, options: ParseKatalogOptions): ParseKatalogResult {
  const { value, locator, diagnostics, failed } = readDocument(source);
  if (failed) return { ok: false, diagnostics: sortDiagnostics(diagnostics), locator };
  if (value['kind'] !== 'Katalog') {
    diagnostics.push(makeDiagnostic('ORK1011', locator.at(['kind']), `kind is ${JSON.stringify(value['kind'] ?? null)}, expected "Katalog"`));
    return { ok: false, diagnostics: sortDiagnostics(diagnostics), locator };
  }
  if (value['apiVersion'] !== KATALOG_API_VERSION) {
    diagnostics.push(makeDiagnostic('ORK1010', locator.at(['apiVersion']), `apiVersion is ${JSON.stringify(value['apiVersion'] ?? null)}, expected "${KATALOG_API_VERSION}"`));
  }
  // The chart's old starter Katalog wrote `crds: []`; an empty list means no CRDs.
  const spec = value['spec'] as Record<string, unknown> | undefined;
  if (spec && Array.isArray(spec['crds']) && spec['crds'].length === 0) spec['crds'] = {};
  const shape = v.safeParse(katalogSchema, value, { abortEarly: false });
  if (!shape.success) {
    diagnostics.push(...mapIssues(shape.issues, katalogSchema, locator));
    return { ok: false, diagnostics: sortDiagnostics(diagnostics), locator };
  }
  const { katalog, diagnostics: normalizeDiagnostics } = normalizeKatalog(shape.output, value, source.text, source.file, locator, options.readFile);
  diagnostics.push(...normalizeDiagnostics, ...checkKatalog(katalog, locator), ...checkChildren(katalog, locator),
    // Issue 18: versions and conversion paths.
    ...katalog.crds.flatMap((crd) => checkConversion(crd, locator, katalog.security)));
  const sorted = sortDiagnostics(diagnostics);
  return hasErrors(sorted) ? { ok: false, diagnostics: sorted, locator } : { ok: true, katalog, diagnostics: sorted, locator };
}

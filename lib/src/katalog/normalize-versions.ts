// Issue 18: a CRD entry's versions and conversion with their defaults (spec/crd.md §9). Only what
// one entry says about itself is checked here; paths and reachability are the conversion room's.
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { makeDiagnostic } from '../diagnostics/make-diagnostic.ts';
import type { Locator } from './locate.ts';
import type { ConversionPath, CrdConversion, CrdVersion, JsonSchema } from './model.ts';
import type { CrdEntryInput } from './schema.ts';

/** What the API server accepts in deprecationWarning (apiextensions validation). */
export const MAX_DEPRECATION_WARNING_BYTES = 256;

/** The runtime version's schema as the entry gives it outside `versions` (entry.schema or the crdFile). */
export interface EntrySchema {
  readonly schema?: JsonSchema;
  readonly source: 'katalog' | 'crdFile' | 'inferred';
}

/** The versions, the conversion and the runtime version's schema after defaults. */
export interface NormalizedVersions {
  /** Absent when the entry lists no versions and declares no conversion: one version, as before. */
  readonly versions?: CrdVersion[];
  readonly conversion?: CrdConversion;
  /** The schema of the runtime version (`apiTypes.version`), which `CrdEntry.specSchema` carries. */
  readonly runtimeSchema: EntrySchema;
  readonly diagnostics: Diagnostic[];
}

/**
 * Applies the defaults of `versions` and `conversion`: without `versions`, the versions are the
 * runtime version, the storage version and every version a path names, all served; the storage
 * version is the one marked `storage`, else `conversion.storageVersion`, else the runtime version.
 */
export function normalizeVersions(entry: CrdEntryInput, runtimeVersion: string, given: EntrySchema,
                                  path: readonly (string | number)[], locator: Locator): NormalizedVersions {
  const diagnostics: Diagnostic[] = [];
  const conv = entry.conversion;
  const listed = entry.versions;
  if (listed === undefined && conv === undefined) return { runtimeSchema: given, diagnostics };

  const markedStorage = (listed ?? []).filter((x) => x.storage === true).map((x) => x.name);
  if (markedStorage.length > 1) {
    diagnostics.push(makeDiagnostic('ORK1452', locator.at([...path, 'versions']), `versions ${markedStorage.join(' and ')} are both marked storage: true; exactly one version is stored`));
  }
  if (conv?.storageVersion !== undefined && markedStorage.length === 1 && markedStorage[0] !== conv.storageVersion) {
    diagnostics.push(makeDiagnostic('ORK1452', locator.at([...path, 'conversion', 'storageVersion']),
      `conversion.storageVersion is ${conv.storageVersion}, but versions marks ${markedStorage[0]} as storage: true`));
  }
  const storage = markedStorage[0] ?? conv?.storageVersion ?? runtimeVersion;

  let versions: CrdVersion[];
  let runtimeSchema = given;
  if (listed !== undefined) {
    const seen = new Set<string>();
    versions = [];
    listed.forEach((x, i) => {
      const at = [...path, 'versions', i];
      if (seen.has(x.name)) {
        diagnostics.push(makeDiagnostic('ORK1450', locator.at([...at, 'name']), `version ${x.name} is listed twice`));
        return;
      }
      seen.add(x.name);
      if (x.deprecationWarning !== undefined) {
        if (x.deprecated !== true) {
          diagnostics.push(makeDiagnostic('ORK1453', locator.at([...at, 'deprecationWarning'], 'key'), `deprecationWarning is set but version ${x.name} is not deprecated: true`));
        } else if (utf8Length(x.deprecationWarning) > MAX_DEPRECATION_WARNING_BYTES || /[\u0000-\u001f\u007f]/.test(x.deprecationWarning)) {
          diagnostics.push(makeDiagnostic('ORK1453', locator.at([...at, 'deprecationWarning']), `deprecationWarning must be printable text of at most ${MAX_DEPRECATION_WARNING_BYTES} bytes`));
        }
      }
      let schema: EntrySchema = x.schema !== undefined ? { schema: x.schema, source: 'katalog' } : { source: 'inferred' };
      if (x.name === runtimeVersion) {
        if (x.schema !== undefined && given.source === 'katalog') {
          diagnostics.push(makeDiagnostic('ORK1111', locator.at([...at, 'schema'], 'key'),
            `version ${x.name} has a schema and spec.crds.${String(path[2])}.schema gives one too; keep one of them`));
        }
        schema = x.schema !== undefined ? schema : given;
        runtimeSchema = schema;
      }
      versions.push({
        name: x.name,
        served: x.served ?? true,
        storage: x.name === storage,
        deprecated: x.deprecated ?? false,
        ...(x.deprecationWarning !== undefined ? { deprecationWarning: x.deprecationWarning } : {}),
        ...(schema.schema !== undefined ? { specSchema: schema.schema } : {}),
        schemaSource: schema.source,
        path: at,
      });
    });
    const runtime = versions.find((x) => x.name === runtimeVersion);
    if (!runtime || !runtime.served) {
      diagnostics.push(makeDiagnostic('ORK1451', locator.at([...path, 'versions']), runtime
        ? `version ${runtimeVersion} (apiTypes.version, the one the runtime reads and writes) has served: false`
        : `versions does not list ${runtimeVersion} (apiTypes.version, the one the runtime reads and writes)`));
    }
    if (!versions.some((x) => x.name === storage) && markedStorage.length === 0) {
      diagnostics.push(makeDiagnostic('ORK1452', locator.at(conv?.storageVersion !== undefined ? [...path, 'conversion', 'storageVersion'] : [...path, 'versions']),
        `the storage version ${storage} is not one of the versions listed (${versions.map((x) => x.name).join(', ')})`));
    }
  } else {
    // The reference's shape: versions are whatever apiTypes.version, storageVersion and the paths name.
    const names = [runtimeVersion, storage, ...(conv?.paths ?? []).flatMap((p) => [p.from, p.to])];
    versions = [...new Set(names)].map((name) => ({
      name, served: true, storage: name === storage, deprecated: false,
      ...(name === runtimeVersion && given.schema !== undefined ? { specSchema: given.schema } : {}),
      schemaSource: name === runtimeVersion ? given.source : 'inferred',
      path: name === runtimeVersion ? [...path, 'apiTypes', 'version'] : name === storage && conv?.storageVersion !== undefined ? [...path, 'conversion', 'storageVersion'] : [...path, 'conversion', 'paths'],
    }));
  }

  const conversion: CrdConversion | undefined = conv === undefined ? undefined : {
    storageVersion: storage,
    updateCRD: conv.updateCRD ?? true,
    paths: (conv.paths ?? []).map((p, i): ConversionPath => ({
      from: p.from, to: p.to,
      ...(p.spec !== undefined ? { spec: p.spec } : {}),
      annotations: { ...(p.annotations ?? {}) },
      path: [...path, 'conversion', 'paths', i],
    })),
    path: [...path, 'conversion'],
  };
  return { versions, ...(conversion ? { conversion } : {}), runtimeSchema, diagnostics };
}

function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

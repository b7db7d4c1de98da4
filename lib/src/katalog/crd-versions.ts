import type { CrdEntry, CrdVersion } from './model.ts';

/** A CRD's versions (issue 18): as listed, or its one version, served and stored. */
export function crdVersions(crd: Pick<CrdEntry, 'version' | 'versions' | 'specSchema' | 'schemaSource' | 'path'>): readonly CrdVersion[] {
  return crd.versions ?? [{
    name: crd.version, served: true, storage: true, deprecated: false,
    ...(crd.specSchema !== undefined ? { specSchema: crd.specSchema } : {}),
    schemaSource: crd.schemaSource, path: [...crd.path, 'apiTypes', 'version'],
  }];
}

/** The version a CRD stores its objects as. */
export function storageVersionOf(crd: Pick<CrdEntry, 'version' | 'versions' | 'specSchema' | 'schemaSource' | 'path'>): string {
  return crdVersions(crd).find((v) => v.storage)?.name ?? crd.version;
}

/** The names of the versions a CRD serves, in the Katalog's order (what an admission rule matches exactly). */
export function servedVersions(crd: Pick<CrdEntry, 'version' | 'versions' | 'specSchema' | 'schemaSource' | 'path'>): string[] {
  return crdVersions(crd).filter((v) => v.served).map((v) => v.name);
}

// @orkestra/lib/katalog: the Katalog as a tool reads it. The parser lives in this room (validate/,
// above katalog/ and crd/, because validation infers CRD schemas); the model, YAML reading and
// field types it re-exports live in katalog/ and field-schemas/ below.
export { parseKatalog, KATALOG_API_VERSION } from './parse-katalog.ts';
export type { KatalogSource, ParseKatalogOptions, ParseKatalogResult } from './parse-katalog.ts';
export type {
  CertPolicy, ChildItem, CrdEntry, DeletionProtection, DependencyCondition, JsonSchema, Katalog, NamespaceProtection, Security, StatusField,
} from '../katalog/model.ts';
export { formatPath } from '../katalog/locate.ts';
export type { DocPath, Locator } from '../katalog/locate.ts';
export type { ReadFile } from '../katalog/normalize-katalog.ts';
export { readYaml, MAX_KATALOG_BYTES } from '../katalog/read-yaml.ts';
export type { YamlRead } from '../katalog/read-yaml.ts';
export { formatDuration, parseDuration } from '../katalog/duration.ts';
export { planStartupOrder } from '../katalog/startup-order.ts';
export type { StartupStep } from '../katalog/startup-order.ts';
export { katalogSchema } from '../katalog/schema.ts';
export type { FieldType } from '../field-schemas/field-schemas.ts';
// issue 14: pruning and the lifecycle fields of a CRD entry
export { pruneReason } from '../katalog/prune-reason.ts';
export type { ObserveWatch, OnDelete } from '../katalog/model.ts';
// Issue 15: which CRDs have admission rules, and the Katalog's webhook switches for them.
export { admissionSwitch, crdsWithAdmissionRules } from '../katalog/admission-switch.ts';
export type { AdmissionWebhooks } from '../katalog/model.ts';
// Versions (issue 18): a CRD entry's versions, its storage version, its conversion paths
export { crdVersions, storageVersionOf } from '../katalog/crd-versions.ts';
export type { ConversionPath, CrdConversion, CrdVersion } from '../katalog/model.ts';

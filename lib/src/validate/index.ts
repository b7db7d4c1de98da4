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

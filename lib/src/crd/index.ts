// @orkestra/lib/crd: CustomResourceDefinitions from CRD entries (spec/crd.md).
export { planCrd, planCrds, KATALOG_LABEL, ORKESTRA_CATEGORY } from './plan-crd.ts';
export type { PlanCrdOptions } from './plan-crd.ts';
export { planCrdSchema } from './plan-crd-schema.ts';
export type { CrdSchemaPlan } from './plan-crd-schema.ts';
export { inferSpecSchema } from './infer-spec-schema.ts';
export { planStatusSchema } from './status-schema.ts';
export { planPrinterColumns } from './printer-columns.ts';
export type { PrinterColumn } from './printer-columns.ts';
export { checkStructural } from './check-structural.ts';
export type { StructuralProblem } from './check-structural.ts';
export type { SchemaNote } from './schema-note.ts';
export { typeAtPath } from './type-at-path.ts';
export type { PathType } from './type-at-path.ts';
// Conversion (issue 18): the CRD's spec.conversion, pointed at the gateway's /convert
export { CONVERSION_PATH, GATEWAY_CONVERSION_SERVICE, crdConversionDrift, planCrdConversion, usesConversionWebhook } from './plan-crd-conversion.ts';
export type { ConversionEndpoint, CrdConversionBlock } from './plan-crd-conversion.ts';

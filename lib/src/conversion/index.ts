// @orkestra/lib/conversion (issue 18): custom resources between a CRD's versions (spec/crd.md §9,
// spec/gateway.md §7). One engine for the gateway's /convert (ConversionReview in and out) and
// `ork convert`.
export { compileConversion } from './compile-conversion.ts';
export type { CompiledConversion } from './compile-conversion.ts';
export { convertObject, splitApiVersion } from './convert-object.ts';
export type { ConvertResult } from './convert-object.ts';
export { CONVERSION_REVIEW_API_VERSION, answerConversionReview, answerConversionUndecided, answerConversionUnreadable } from './answer-conversion-review.ts';
export type { ConversionAnswer, ConvertedObjectOutcome, FindConversion } from './answer-conversion-review.ts';
export { checkConversion, lostFields } from './check-conversion.ts';
export { convertDocuments } from './convert-documents.ts';
export type { ConvertDocumentsResult, ConvertProblem } from './convert-documents.ts';
export { createConversionWindow, foldConversionPairs } from './conversion-window.ts';
export type { ConversionLatencyMs, ConversionPairCount, ConversionReviewSample, ConversionWindow, ConversionWindowCounts, ConversionWindowSummary } from './conversion-window.ts';

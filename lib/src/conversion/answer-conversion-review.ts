// The gateway's /convert (spec/gateway.md §7): one apiextensions.k8s.io/v1 ConversionReview in,
// its answer out, never a throw. Every object converts or the review fails as a whole (the API
// server takes nothing less), with a message naming the first object that failed and why.
import { isRecord } from '../template/values.ts';
import type { CompiledConversion } from './compile-conversion.ts';
import { convertObject, splitApiVersion } from './convert-object.ts';

/** apiVersion of the reviews the generated CRDs ask for (conversionReviewVersions: [v1]). */
export const CONVERSION_REVIEW_API_VERSION = 'apiextensions.k8s.io/v1';

/** What happened to one object of a review (for metrics per CRD and version pair). */
export interface ConvertedObjectOutcome {
  readonly crd?: string;
  readonly from?: string;
  readonly to: string;
  readonly ok: boolean;
}

/** An answer: the HTTP status and body, and what it did. */
export interface ConversionAnswer {
  /** 200 for every review with a uid (Success or Failure inside); else 400, 413 (too large) or 503 (busy, out of time). */
  readonly httpStatus: number;
  readonly body: unknown;
  readonly uid?: string;
  /** The CRD key of the review's objects (or of the version asked for). */
  readonly crd?: string;
  /** The version asked for. */
  readonly to?: string;
  readonly objects: readonly ConvertedObjectOutcome[];
  /** Why the review failed, when it did. */
  readonly failure?: string;
}

/** Finds the compiled conversion of a group and kind. */
export type FindConversion = (group: string, kind: string) => CompiledConversion | undefined;

/** Answers a parsed ConversionReview body. */
export function answerConversionReview(value: unknown, find: FindConversion): ConversionAnswer {
  const request = isRecord(value) && isRecord(value['request']) ? value['request'] : undefined;
  const uid = typeof request?.['uid'] === 'string' && request['uid'] !== '' ? request['uid'] : undefined;
  const problems: string[] = [];
  if (!isRecord(value)) problems.push('the body is not a JSON object');
  else {
    if (value['apiVersion'] !== CONVERSION_REVIEW_API_VERSION) problems.push(`apiVersion is ${JSON.stringify(value['apiVersion'] ?? null)}, expected "${CONVERSION_REVIEW_API_VERSION}"`);
    if (value['kind'] !== 'ConversionReview') problems.push(`kind is ${JSON.stringify(value['kind'] ?? null)}, expected "ConversionReview"`);
    if (!request) problems.push('request is missing');
    else {
      if (uid === undefined) problems.push('request.uid is missing or empty');
      if (typeof request['desiredAPIVersion'] !== 'string' || request['desiredAPIVersion'] === '') problems.push('request.desiredAPIVersion is missing');
      if (!Array.isArray(request['objects'])) problems.push('request.objects is not a list');
    }
  }
  if (problems.length > 0) {
    const message = `invalid ConversionReview: ${problems.join('; ')}`;
    return uid === undefined
      ? { httpStatus: 400, body: { error: 'invalid ConversionReview', problems }, objects: [], failure: message }
      : { ...failed(uid, message), objects: [], failure: message };
  }
  const desired = request!['desiredAPIVersion'] as string;
  const objects = request!['objects'] as unknown[];
  const target = splitApiVersion(desired);
  const converted: unknown[] = [];
  const outcomes: ConvertedObjectOutcome[] = [];
  let first: string | undefined;
  let failures = 0;
  let crd: string | undefined;
  for (const object of objects) {
    const kind = isRecord(object) && typeof object['kind'] === 'string' ? object['kind'] : '';
    const group = isRecord(object) && typeof object['apiVersion'] === 'string' ? splitApiVersion(object['apiVersion']).group : '';
    const c = find(group, kind);
    crd ??= c?.crd;
    const r = c
      ? convertObject(c, object, desired)
      : { ok: false as const, code: 'ORK3202' as const, message: `${kind || 'an object without kind'} of ${group || 'no group'} is not a custom resource of this gateway's Katalog` };
    outcomes.push({ ...(c ? { crd: c.crd } : {}), ...(r.from !== undefined ? { from: r.from } : {}), to: target.version, ok: r.ok });
    if (r.ok) converted.push(r.object);
    else {
      failures++;
      first ??= `${describe(object)}: ${r.message}`;
    }
  }
  if (failures > 0) {
    const message = `${failures} of ${objects.length} object${objects.length === 1 ? '' : 's'} not converted to ${desired}; ${first}`;
    return { ...failed(uid!, message), ...(crd !== undefined ? { crd } : {}), to: target.version, objects: outcomes, failure: message };
  }
  return {
    httpStatus: 200,
    body: { apiVersion: CONVERSION_REVIEW_API_VERSION, kind: 'ConversionReview', response: { uid: uid!, convertedObjects: converted, result: { status: 'Success' } } },
    uid: uid!, ...(crd !== undefined ? { crd } : {}), to: target.version, objects: outcomes,
  };
}

/** The answer to a body that is not JSON (or could not be read): 400, nothing to convert. */
export function answerConversionUnreadable(message: string): ConversionAnswer {
  return { httpStatus: 400, body: { error: 'invalid ConversionReview', problems: [message] }, objects: [], failure: `invalid ConversionReview: ${message}` };
}

/**
 * The answer to a review the server could not convert in its budget (too large, busy, out of
 * time): a Failure the API server reports to the client, or HTTP 413/503 when no uid was seen.
 */
export function answerConversionUndecided(uid: string | undefined, reason: 'budget' | 'busy' | 'too-large'): ConversionAnswer {
  const why = reason === 'too-large' ? 'the review is larger than the gateway reads (7 MiB)'
    : reason === 'busy' ? 'the gateway is reading as many large reviews as it holds; retry'
      : 'the review was not converted within the gateway\'s time budget; retry';
  const message = `not converted: ${why}`;
  if (uid === undefined) return { httpStatus: reason === 'too-large' ? 413 : 503, body: { error: reason, message }, objects: [], failure: message };
  return { ...failed(uid, message), objects: [], failure: message };
}

function failed(uid: string, message: string): { httpStatus: 200; body: unknown; uid: string } {
  return {
    httpStatus: 200, uid,
    body: { apiVersion: CONVERSION_REVIEW_API_VERSION, kind: 'ConversionReview', response: { uid, convertedObjects: [], result: { status: 'Failure', message } } },
  };
}

function describe(object: unknown): string {
  if (!isRecord(object)) return 'an object that is not a mapping';
  const meta = isRecord(object['metadata']) ? object['metadata'] : {};
  const name = typeof meta['name'] === 'string' ? meta['name'] : '(no name)';
  const ns = typeof meta['namespace'] === 'string' ? `${meta['namespace']}/` : '';
  return `${String(object['kind'] ?? '?')} ${ns}${name} (${String(object['apiVersion'] ?? '?')})`;
}

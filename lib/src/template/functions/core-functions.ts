import { base64Encode } from '../../util/base64.ts';
import { utf8Encode } from '../../util/utf8.ts';
import { RenderError } from '../render-error.ts';
import { formatText, isTruthy } from '../values.ts';
import { eq, ne, order } from './compare.ts';
import { at, fn } from './define-function.ts';
import { add, sub, toInteger } from './numbers.ts';
import { printf } from './printf.ts';
import { sha256Hex } from './sha256.ts';
import { lower, quote, replace, trim, trunc, upper } from './strings.ts';
import { trimCutset } from './strings-match.ts';
import type { TemplateFunction } from './table.ts';
import { toJson } from './to-json.ts';

/** The first argument whose truth is `truth`, else the last: Go's `or` (true) and `and` (false). */
export function firstOr(values: readonly unknown[], truth: boolean): unknown {
  for (const value of values) if (isTruthy(value) === truth) return value;
  return values[values.length - 1];
}

/** Go's built-ins and the sprig functions Helm users reach for first. */
export const CORE_FUNCTIONS: readonly (readonly [string, TemplateFunction])[] = [
  // default VALUE FALLBACK, or sprig's `default FALLBACK VALUE` / `VALUE | default FALLBACK`.
  ['default', fn('default VALUE FALLBACK', 2, 2, 'value-or-default', (a) => (isTruthy(at(a, 0)) ? at(a, 0) : at(a, 1)), true)],
  ['quote', fn('quote VALUE...', 1, Infinity, 'string', quote)],
  ['lower', fn('lower STRING', 1, 1, 'string', (a) => lower(at(a, 0)))],
  ['upper', fn('upper STRING', 1, 1, 'string', (a) => upper(at(a, 0)))],
  ['replace', fn('replace STRING OLD NEW', 3, 3, 'string', (a) => replace(at(a, 1), at(a, 2), at(a, 0)), true)],
  ['printf', fn('printf FORMAT [VALUE...]', 1, Infinity, 'string', (a) => {
    const format = at(a, 0);
    if (typeof format !== 'string') throw new RenderError('printf: the format must be a string');
    return printf(format, a.slice(1));
  })],
  ['toJson', fn('toJson VALUE', 1, 1, 'string', (a) => toJson(at(a, 0)))],
  ['b64enc', fn('b64enc STRING', 1, 1, 'string', (a) => base64Encode(utf8Encode(formatText(at(a, 0)))))],
  ['sha256sum', fn('sha256sum STRING', 1, 1, 'string', (a) => sha256Hex(utf8Encode(formatText(at(a, 0)))))],
  ['int', fn('int VALUE', 1, 1, 'integer', (a) => toInteger('int', at(a, 0)))],
  ['add', fn('add A B...', 2, Infinity, 'integer', add)],
  ['sub', fn('sub A B', 2, 2, 'integer', (a) => sub(at(a, 0), at(a, 1)))],
  ['trunc', fn('trunc N STRING', 2, 2, 'string', (a) => trunc(at(a, 0), at(a, 1)))],
  ['eq', fn('eq A B...', 2, Infinity, 'boolean', (a) => eq(at(a, 0), a.slice(1)))],
  ['ne', fn('ne A B', 2, 2, 'boolean', (a) => ne(at(a, 0), at(a, 1)))],
  ['lt', fn('lt A B', 2, 2, 'boolean', (a) => order('lt', at(a, 0), at(a, 1)) < 0)],
  ['le', fn('le A B', 2, 2, 'boolean', (a) => order('le', at(a, 0), at(a, 1)) <= 0)],
  ['gt', fn('gt A B', 2, 2, 'boolean', (a) => order('gt', at(a, 0), at(a, 1)) > 0)],
  ['ge', fn('ge A B', 2, 2, 'boolean', (a) => order('ge', at(a, 0), at(a, 1)) >= 0)],
  // and/or short-circuit in the evaluator, which never calls these; they define the same result.
  ['and', fn('and A [B...]', 1, Infinity, 'common', (a) => firstOr(a, false))],
  ['or', fn('or A [B...]', 1, Infinity, 'common', (a) => firstOr(a, true))],
  ['not', fn('not VALUE', 1, 1, 'boolean', (a) => !isTruthy(at(a, 0)))],
  ['empty', fn('empty VALUE', 1, 1, 'boolean', (a) => !isTruthy(at(a, 0)))],
  // trim STRING is Go's TrimSpace; trim STRING CUTSET is the reference's strings.Trim.
  ['trim', fn('trim STRING [CUTSET]', 1, 2, 'string', (a) => (a.length === 1 ? trim(at(a, 0)) : trimCutset(at(a, 0), at(a, 1))), true)],
];

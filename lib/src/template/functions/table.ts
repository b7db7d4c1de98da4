import type { ValueType } from '../ast.ts';
import { RenderError } from '../render-error.ts';
import { formatText, isTruthy } from '../values.ts';
import { base64Encode } from '../../util/base64.ts';
import { eq, ne, order } from './compare.ts';
import { add, sub, toInteger } from './numbers.ts';
import { printf } from './printf.ts';
import { sha256Hex } from './sha256.ts';
import { lower, quote, replace, trim, trunc, upper } from './strings.ts';
import { toJson } from './to-json.ts';
import { utf8Encode } from '../../util/utf8.ts';

/**
 * How a function's result type is known statically: a fixed type, the type of its value
 * argument falling back to its default (`default`), or the common type of all arguments (`and`, `or`).
 */
export type ResultType = ValueType | 'value-or-default' | 'common';

/** A template function: its arity (the piped value counts), its result type and its implementation. */
export interface TemplateFunction {
  /** Usage as documented, e.g. `replace OLD NEW STRING`. */
  readonly signature: string;
  readonly minArgs: number;
  /** `Infinity` when variadic. */
  readonly maxArgs: number;
  readonly result: ResultType;
  /** Receives evaluated arguments; throws RenderError on bad input. */
  readonly call: (args: readonly unknown[]) => unknown;
}

const fn = (signature: string, minArgs: number, maxArgs: number, result: ResultType,
  call: (args: readonly unknown[]) => unknown): TemplateFunction => ({ signature, minArgs, maxArgs, result, call });

// Arguments are checked against minArgs/maxArgs at compile time, so a[i] below exists.
const at = (args: readonly unknown[], i: number): unknown => args[i];

/** Every function a template may call, by name. */
export const FUNCTIONS: ReadonlyMap<string, TemplateFunction> = new Map([
  ['default', fn('default DEFAULT VALUE', 2, 2, 'value-or-default', (a) => (isTruthy(at(a, 1)) ? at(a, 1) : at(a, 0)))],
  ['quote', fn('quote VALUE...', 1, Infinity, 'string', quote)],
  ['lower', fn('lower STRING', 1, 1, 'string', (a) => lower(at(a, 0)))],
  ['upper', fn('upper STRING', 1, 1, 'string', (a) => upper(at(a, 0)))],
  ['trim', fn('trim STRING', 1, 1, 'string', (a) => trim(at(a, 0)))],
  ['replace', fn('replace OLD NEW STRING', 3, 3, 'string', (a) => replace(at(a, 0), at(a, 1), at(a, 2)))],
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
]);

/** The first argument whose truth is `truth`, else the last: Go's `or` (true) and `and` (false). */
export function firstOr(values: readonly unknown[], truth: boolean): unknown {
  for (const value of values) if (isTruthy(value) === truth) return value;
  return values[values.length - 1];
}

/** Names of every template function, sorted. */
export function templateFunctionNames(): readonly string[] {
  return [...FUNCTIONS.keys()].sort();
}

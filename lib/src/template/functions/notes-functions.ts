import { base64Encode } from '../../util/base64.ts';
import { utf8Encode } from '../../util/utf8.ts';
import { formatText, isTruthy } from '../values.ts';
import { toBool, toFloat, typeOf } from './convert.ts';
import { at, fn } from './define-function.ts';
import { firstOr } from './core-functions.ts';
import { hasKey, index, join, keys, len, split } from './lists.ts';
import { div, extreme, floatMath, mod, mul } from './math.ts';
import { toInteger } from './numbers.ts';
import { lower, trim, upper } from './strings.ts';
import { concat, contains, hasPrefix, hasSuffix, repeat, trimCutset, trimPrefix, trimSuffix } from './strings-match.ts';
import type { TemplateFunction } from './table.ts';
import { timeFormat } from './time-format.ts';
import { toJson } from './to-json.ts';
import { toYaml } from './to-yaml.ts';

const typeIs = (name: string, type: string): TemplateFunction => fn(`${name} VALUE`, 1, 1, 'boolean', (a) => typeOf(at(a, 0)) === type);

/**
 * The commonly used part of the reference's notes library (spec/templates.md §5), under the
 * reference's names, plus the sprig spellings Helm users write. Functions marked with a subject
 * accept it first (the reference) or last (sprig, piped).
 */
export const NOTES_FUNCTIONS: readonly (readonly [string, TemplateFunction])[] = [
  // Strings
  ['toLower', fn('toLower STRING', 1, 1, 'string', (a) => lower(at(a, 0)))],
  ['toUpper', fn('toUpper STRING', 1, 1, 'string', (a) => upper(at(a, 0)))],
  ['trimSpace', fn('trimSpace STRING', 1, 1, 'string', (a) => trim(at(a, 0)))],
  ['trimAll', fn('trimAll STRING CUTSET', 2, 2, 'string', (a) => trimCutset(at(a, 0), at(a, 1)), true)],
  ['trimPrefix', fn('trimPrefix STRING PREFIX', 2, 2, 'string', (a) => trimPrefix(at(a, 0), at(a, 1)), true)],
  ['trimSuffix', fn('trimSuffix STRING SUFFIX', 2, 2, 'string', (a) => trimSuffix(at(a, 0), at(a, 1)), true)],
  ['contains', fn('contains STRING SUBSTR', 2, 2, 'boolean', (a) => contains(at(a, 0), at(a, 1)), true)],
  ['hasPrefix', fn('hasPrefix STRING PREFIX', 2, 2, 'boolean', (a) => hasPrefix(at(a, 0), at(a, 1)), true)],
  ['hasSuffix', fn('hasSuffix STRING SUFFIX', 2, 2, 'boolean', (a) => hasSuffix(at(a, 0), at(a, 1)), true)],
  ['split', fn('split STRING SEP', 2, 2, 'array', (a) => split(at(a, 0), at(a, 1)), true)],
  ['splitList', fn('splitList STRING SEP', 2, 2, 'array', (a) => split(at(a, 0), at(a, 1)), true)],
  ['join', fn('join LIST SEP', 2, 2, 'string', (a) => join(at(a, 0), at(a, 1)), true)],
  ['concat', fn('concat VALUE...', 1, Infinity, 'string', concat)],
  ['repeat', fn('repeat STRING COUNT', 2, 2, 'string', (a) => repeat(at(a, 0), at(a, 1)), true)],
  // Conditional
  ['ternary', fn('ternary CONDITION TRUE FALSE', 3, 3, 'branches', (a) => (isTruthy(at(a, 0)) ? at(a, 1) : at(a, 2)), true)],
  ['coalesce', fn('coalesce VALUE...', 1, Infinity, 'common', (a) => (a.some(isTruthy) ? firstOr(a, true) : undefined))],
  ['notEmpty', fn('notEmpty VALUE', 1, 1, 'boolean', (a) => isTruthy(at(a, 0)))],
  // Types
  ['toString', fn('toString VALUE', 1, 1, 'string', (a) => formatText(at(a, 0)))],
  ['toInt', fn('toInt VALUE', 1, 1, 'integer', (a) => toInteger('toInt', at(a, 0)))],
  ['toFloat', fn('toFloat VALUE', 1, 1, 'number', (a) => toFloat(at(a, 0)))],
  ['toBool', fn('toBool VALUE', 1, 1, 'boolean', (a) => toBool(at(a, 0)))],
  ['typeOf', fn('typeOf VALUE', 1, 1, 'string', (a) => typeOf(at(a, 0)))],
  ['typeMap', typeIs('typeMap', 'map')],
  ['typeList', typeIs('typeList', 'slice')],
  ['typeString', typeIs('typeString', 'string')],
  ['typeNumber', typeIs('typeNumber', 'number')],
  ['typeBool', typeIs('typeBool', 'bool')],
  ['typeNull', typeIs('typeNull', 'null')],
  ['len', fn('len VALUE', 1, 1, 'integer', (a) => len(at(a, 0)))],
  // Collections
  ['index', fn('index COLLECTION KEY...', 2, Infinity, 'unknown', (a) => index(at(a, 0), a.slice(1)))],
  ['keys', fn('keys MAP', 1, 1, 'array', (a) => keys(at(a, 0)))],
  ['hasKey', fn('hasKey MAP KEY', 2, 2, 'boolean', (a) => hasKey(at(a, 0), at(a, 1)))],
  // Math
  ['mul', fn('mul A B...', 2, Infinity, 'integer', mul)],
  ['div', fn('div A B', 2, 2, 'integer', (a) => div(at(a, 0), at(a, 1)))],
  ['mod', fn('mod A B', 2, 2, 'integer', (a) => mod(at(a, 0), at(a, 1)))],
  ['max', fn('max A B...', 2, Infinity, 'integer', (a) => extreme('max', a))],
  ['min', fn('min A B...', 2, Infinity, 'integer', (a) => extreme('min', a))],
  ['addf', fn('addf A B...', 2, Infinity, 'number', (a) => floatMath('addf', a))],
  ['subf', fn('subf A B...', 2, Infinity, 'number', (a) => floatMath('subf', a))],
  ['mulf', fn('mulf A B...', 2, Infinity, 'number', (a) => floatMath('mulf', a))],
  ['divf', fn('divf A B...', 2, Infinity, 'number', (a) => floatMath('divf', a))],
  // Data
  ['toBase64', fn('toBase64 STRING', 1, 1, 'string', (a) => base64Encode(utf8Encode(formatText(at(a, 0)))))],
  ['toJSON', fn('toJSON VALUE', 1, 1, 'string', (a) => toJson(at(a, 0)))],
  ['toYaml', fn('toYaml VALUE', 1, 1, 'string', (a) => toYaml(at(a, 0)))],
  // Time (formatting only: nothing reads the clock)
  ['timeFormat', fn('timeFormat TIME LAYOUT', 2, 2, 'string', (a) => timeFormat('timeFormat', at(a, 0), at(a, 1)), true)],
  ['date', fn('date TIME LAYOUT', 2, 2, 'string', (a) => timeFormat('date', at(a, 0), at(a, 1)), true)],
];

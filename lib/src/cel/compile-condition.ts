// A condition of the condition language (spec/katalog.md) compiled to a CEL expression with the
// same meaning as evaluateCondition, for ValidatingAdmissionPolicies (policy mode, spec/gateway.md §8).
// Only what CEL can say exactly is compiled; everything else is refused with a reason and stays on
// the gateway's webhook. "Exactly" is checked by the differential test in conformance/, which runs
// the same reviews through evaluateCondition and through these expressions.
import type { Condition, ConditionScalar } from '../conditions/condition-model.ts';
import { formatNumber } from '../template/values.ts';
import { checkSafeRegex } from '../util/safe-regex.ts';
import { numberOf } from '../conditions/compare-values.ts';
import type { ValueType } from '../template/ast.ts';
import { celNumber, celString, isCelField } from './cel-literal.ts';

/** A compiled condition, or why it stays on the webhook. */
export type CelOutcome =
  | { readonly type: 'cel'; readonly expression: string }
  | { readonly type: 'webhook'; readonly reason: string };

/** What the CRD schema says about a field path (`['spec', 'replicas']`): its type, `unknown`, or `missing`. */
export type FieldTypeOf = (path: readonly string[]) => ValueType | 'missing';

/** Where the object a rule reads lives in CEL: the object under review (`variables.target`) and the stored one. */
export const TARGET = 'variables.target';
const OLD = 'oldObject';

/** Compiles one condition; `typeOf` answers for paths below `metadata`, `spec` and `status`. */
export function compileCondition(c: Condition, typeOf: FieldTypeOf): CelOutcome {
  const body = compileTest(c, typeOf);
  if (body.type === 'webhook') return body;
  return c.negate ? { type: 'cel', expression: `!(${body.expression})` } : body;
}

/** A field as CEL reads it: `present` holds when it is there and not null; `value` is valid only then. */
interface Access { readonly present: string; readonly value: string; readonly type: ValueType }

function compileTest(c: Condition, typeOf: FieldTypeOf): CelOutcome {
  if (c.field.type === 'template') return webhook(`its field is a template (${c.field.text}): templates are Orkestra's own language, not CEL`);
  const access = accessOf(c.field.path, typeOf);
  if ('reason' in access) return webhook(access.reason);
  const a = access;
  const vt = c.valueType;
  const op = c.operand;
  switch (op.type) {
    case 'none':
      switch (c.operator) {
        case 'exists': return cel(`(${a.present} && ${a.value} != '')`);
        case 'notExists': return cel(`!(${a.present} && ${a.value} != '')`);
        // At admission no other custom resource is known, so `unique` holds (spec/gateway.md §6).
        case 'unique': return cel('true');
        case 'typeMap': return cel(isType(a, 'map'));
        case 'typeList': return cel(isType(a, 'list'));
        case 'typeString': return cel(isType(a, 'string'));
        case 'typeNumber': return cel(isNumber(a));
        case 'typeBool': return cel(isType(a, 'bool'));
        default: return cel(`!${a.present}`);
      }
    case 'type-name': {
      const byName: Record<string, string> = { map: isType(a, 'map'), slice: isType(a, 'list'), string: isType(a, 'string'), number: isNumber(a), bool: isType(a, 'bool'), null: `!${a.present}` };
      return cel(byName[op.name] ?? 'false');
    }
    case 'range': {
      if (vt === 'int' || vt === 'bool' || vt === 'string') return webhook(`valueType ${vt} converts values in ways CEL cannot repeat`);
      const n = numeric(a);
      if ('reason' in n) return webhook(n.reason);
      const inside = `(${n.value} >= ${celNumber(op.min)} && ${n.value} <= ${celNumber(op.max)})`;
      return cel(c.operator === 'between' ? inside : `!${inside}`);
    }
    case 'list': {
      if (vt !== undefined && vt !== 'string') return webhook(`valueType ${vt} converts values in ways CEL cannot repeat`);
      const texts: string[] = [];
      for (const item of op.items) {
        const t = literalText(item);
        if (t === undefined) return webhook('a value of its list is a template');
        if (jsonLike(a, t)) return webhook(JSON_TEXT);
        texts.push(t);
      }
      const hit = texts.length === 0 ? 'false' : `(${texts.map((t) => textEquals(a, t)).join(' || ')})`;
      return cel(c.operator === 'in' ? hit : `!${hit}`);
    }
    case 'scalar': {
      const expected = literalText(op.value);
      if (expected === undefined) return webhook('its value is a template');
      return compileScalar(c, a, expected, op.value);
    }
  }
}

function compileScalar(c: Condition, a: Access, t: string, value: ConditionScalar): CelOutcome {
  const vt = c.valueType;
  const textual = vt === undefined || vt === 'string';
  switch (c.operator) {
    case 'equals':
    case 'notEquals': {
      if (!textual) return webhook(`valueType ${vt} converts values in ways CEL cannot repeat`);
      if (jsonLike(a, t)) return webhook(JSON_TEXT);
      const eq = textEquals(a, t);
      return cel(c.operator === 'equals' ? eq : `!${eq}`);
    }
    case 'contains':
    case 'notContains': {
      if (!textual) return webhook(`valueType ${vt} converts values in ways CEL cannot repeat`);
      if (a.type === 'array' && /^[[{]/.test(t)) return webhook(JSON_TEXT);
      const has = containsText(a, t);
      if (typeof has !== 'string') return webhook(has.reason);
      return cel(c.operator === 'contains' ? has : `!${has}`);
    }
    case 'prefix': case 'notPrefix': case 'suffix': case 'notSuffix': case 'regex': {
      const text = textOf(a);
      if (typeof text !== 'string') return webhook(text.reason);
      let test: string;
      if (c.operator === 'regex') {
        if (checkSafeRegex(t) !== undefined) return webhook('its pattern does not compile on RE2');
        test = `${text}.matches(${celString(t)})`;
      } else {
        test = `${text}.${c.operator.toLowerCase().endsWith('prefix') ? 'startsWith' : 'endsWith'}(${celString(t)})`;
      }
      return cel(c.operator.startsWith('not') ? `!${test}` : test);
    }
    default: {
      // gt, gte, lt, lte: numbers (an absent field reads as 0), or text with valueType string.
      if (vt === 'string' || vt === 'int' || vt === 'bool') return webhook(`ordering with valueType ${vt} compares in ways CEL cannot repeat`);
      const n = numeric(a);
      if ('reason' in n) return webhook(n.reason);
      // The value is read as evaluateCondition reads it (numberOf), once, here.
      const limit = numberOf(value.type === 'literal' ? value.value : t, vt);
      if (limit === undefined) return cel('false');
      const sym = { gt: '>', gte: '>=', lt: '<', lte: '<=' }[c.operator as 'gt' | 'gte' | 'lt' | 'lte'];
      return cel(`${n.value} ${sym} ${celNumber(limit)}`);
    }
  }
}

/**
 * The CEL access to a dotted path: every object on the way must be one by the CRD schema (so
 * `has()` can never meet a string), segments must be CEL field names, except label and annotation
 * keys, which are read as map keys.
 */
function accessOf(path: readonly string[], typeOf: FieldTypeOf): Access | { reason: string } {
  const old = path[0] === 'oldObject';
  const rest = old ? path.slice(1) : path;
  if (rest.length === 0) return { reason: 'it reads the whole stored object' };
  const type = typeOf(rest);
  if (type === 'missing') return { reason: `the CRD schema has no field ${rest.join('.')}` };
  const base = old ? OLD : TARGET;
  const guards = [`${base} != null`];
  let expr = base;
  for (const [i, seg] of rest.entries()) {
    const mapKey = i === 2 && rest[0] === 'metadata' && (rest[1] === 'labels' || rest[1] === 'annotations');
    if (i > 0) {
      // A field without a schema of its own (x-kubernetes-preserve-unknown-fields) is checked at run time.
      const above = typeOf(rest.slice(0, i));
      if (above === 'unknown') guards.push(`type(${expr}) == map`);
      else if (above !== 'object') return { reason: `the CRD schema does not make ${rest.slice(0, i).join('.')} an object` };
    }
    if (mapKey) {
      guards.push(`${celString(seg)} in ${expr}`);
      expr = `${expr}[${celString(seg)}]`;
    } else {
      if (!isCelField(seg)) return { reason: `${seg} is not a CEL field name` };
      guards.push(`has(${expr}.${seg})`);
      expr = `${expr}.${seg}`;
    }
    if (i < rest.length - 1) guards.push(`${expr} != null`);
  }
  guards.push(`${expr} != null`);
  return { present: `(${guards.join(' && ')})`, value: expr, type };
}

const JSON_TEXT = 'its value is JSON text, which only a list or a map printed as JSON equals, and CEL prints neither';

/** True when `t` could be the JSON text of a list or map the field may hold. */
function jsonLike(a: Access, t: string): boolean {
  return /^[[{]/.test(t) && a.type !== 'string' && a.type !== 'integer' && a.type !== 'number' && a.type !== 'boolean';
}

/** The value of a literal as conditions compare it (textOf), or undefined for a template. */
function literalText(s: ConditionScalar): string | undefined {
  if (s.type === 'template') return undefined;
  return typeof s.value === 'number' ? formatNumber(s.value) : String(s.value);
}

/**
 * textOf(field) == t for any type the field may hold: strings directly; numbers when `t` is how
 * textOf prints that number (so `3` equals "3" and 3.0, never "3.0"); booleans as true/false;
 * absent and null as ""; maps and lists print as JSON, which CEL cannot, but JSON always starts
 * with `{` or `[`, and such a `t` is compared as text only for strings. Relies on CEL's
 * heterogeneous equality (a string never equals a number), which Kubernetes enables.
 */
function textEquals(a: Access, t: string): string {
  const parts = [`${a.value} == ${celString(t)}`];
  const n = Number(t);
  if (t.trim() !== '' && Number.isFinite(n) && formatNumber(n) === t && (Number.isSafeInteger(n) || !Number.isInteger(n))) parts.push(`${a.value} == ${celNumber(n)}`);
  if (t === 'true' || t === 'false') parts.push(`${a.value} == ${t}`);
  const present = `(${a.present} && (${parts.join(' || ')}))`;
  return t === '' ? `(!${a.present} || ${present})` : present;
}

/** textOf(field) as a CEL string, when the schema makes it a string, an integer or a boolean (a double prints differently in CEL). */
function textOf(a: Access): string | { reason: string } {
  if (a.type === 'string') return `(${a.present} ? ${a.value} : '')`;
  if (a.type === 'integer' || a.type === 'boolean') return `(${a.present} ? string(${a.value}) : '')`;
  return { reason: `the field is ${typeWord(a.type)} by the CRD schema, and text operators read numbers and objects as text in ways CEL cannot repeat` };
}

/** containsValue: an item of a list, a key of a map, or a substring. */
function containsText(a: Access, t: string): string | { reason: string } {
  // An absent list or map reads as "", which contains only "".
  const absent = t === '' ? `!${a.present} || ` : '';
  if (a.type === 'array') return `(${absent}(${a.present} && ${a.value}.exists(i, ${textEquals({ present: '(i != null)', value: 'i', type: 'unknown' }, t)})))`;
  if (a.type === 'object') return `(${absent}(${a.present} && ${celString(t)} in ${a.value}))`;
  const text = textOf(a);
  return typeof text === 'string' ? `${text}.contains(${celString(t)})` : text;
}

/** numberOf(field) as a CEL number, when the schema makes the field a number (absent and null read as 0). */
function numeric(a: Access): { value: string } | { reason: string } {
  if (a.type === 'integer' || a.type === 'number') return { value: `(${a.present} ? ${a.value} : 0)` };
  return { reason: `the field is ${typeWord(a.type)} by the CRD schema, and numbers read from text have no exact CEL equivalent` };
}

function isType(a: Access, celType: 'map' | 'list' | 'string' | 'bool'): string {
  // Objects with properties are typed by their schema in the API server's CEL, so type(x) == map
  // would not hold for them: the schema's type decides where it is known.
  const schema = { map: 'object', list: 'array', string: 'string', bool: 'boolean' }[celType];
  if (a.type !== 'unknown') return a.type === schema ? a.present : 'false';
  return `(${a.present} && type(${a.value}) == ${celType})`;
}

function isNumber(a: Access): string {
  if (a.type !== 'unknown') return a.type === 'integer' || a.type === 'number' ? a.present : 'false';
  return `(${a.present} && (type(${a.value}) == int || type(${a.value}) == uint || type(${a.value}) == double))`;
}

function typeWord(t: ValueType): string {
  return t === 'unknown' ? 'not typed' : t === 'number' ? 'a number (double)' : `typed ${t}`;
}

function cel(expression: string): CelOutcome {
  return { type: 'cel', expression };
}

function webhook(reason: string): CelOutcome {
  return { type: 'webhook', reason };
}

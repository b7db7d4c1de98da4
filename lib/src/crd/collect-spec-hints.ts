import { CHILD_KINDS, type ChildKindInfo } from '../children/index.ts';
import type { Condition, ConditionSet } from '../conditions/condition-model.ts';
import type { FieldType } from '../field-schemas/field-schemas.ts';
import type { DocPath } from '../katalog/locate.ts';
import type { CrdEntry, StatusField } from '../katalog/model.ts';
import { compileTemplate, isTemplate } from '../template/index.ts';
import { itemFieldType } from './item-field-type.ts';
import { templateUses, type TemplateUse } from './template-uses.ts';

/** A type the inferred spec schema can give a field. */
export type InferredType = 'string' | 'integer' | 'number' | 'boolean' | 'int-or-string';

/**
 * What one use of a spec field says about its value:
 * `value` it must be of this type (`strong`: a typed field or a numeric comparison needs it;
 * weak: text, string fields and equality conditions suggest it);
 * `whole` it is passed on whole, so every nested field must be kept;
 * `presence` only its existence or truth is tested.
 */
export type Hint =
  | { readonly type: 'value'; readonly valueType: InferredType; readonly strong: boolean }
  | { readonly type: 'whole' }
  | { readonly type: 'presence' };

/** One use of a `.spec` field: its path below `.spec`, what it says, and where in the Katalog it is. */
export interface SpecHint {
  readonly path: readonly string[];
  readonly hint: Hint;
  readonly source: DocPath;
}

const KINDS: Readonly<Record<string, ChildKindInfo | undefined>> = CHILD_KINDS;

const STATUS_FIELD_TYPES: Readonly<Record<StatusField['type'], FieldType>> = {
  string: 'string', int: 'integer', float: 'number', bool: 'boolean', auto: 'any',
};

/** Collects every read of `.spec` in a CRD's child items, status fields and `when` conditions. */
export function collectSpecHints(crd: Pick<CrdEntry, 'children' | 'status' | 'path'>): SpecHint[] {
  const out: SpecHint[] = [];
  for (const item of crd.children) {
    const schema = KINDS[item.key]?.itemSchema;
    for (const [field, value] of Object.entries(item.spec)) {
      // `when`/`or` hold conditions (read below), `forEach` a path (below), never templates.
      if (field === 'when' || field === 'or' || field === 'forEach') continue;
      walkValue(value, [field], (at, source) => {
        readTemplate(source, schema ? itemFieldType(schema, at) : undefined, [...item.path, ...at], out);
      });
    }
    readConditions(item.conditions, item.path, out);
    // issue 14: a forEach list or map is read element by element: keep it whole.
    const each = item.forEach?.field.replace(/^\./, '').split('.');
    if (each?.[0] === 'spec' && each.length > 1 && !each.includes('')) out.push({ path: each.slice(1), hint: { type: 'whole' }, source: [...item.path, 'forEach', 'field'] });
  }
  crd.status.fields.forEach((field, i) => {
    const at = [...crd.path, 'operatorBox', 'status', 'fields', i];
    walkValue(field.value, [], (inner, source) => {
      // A templated scalar gets the declared type; strings nested inside a structured value are free-form.
      readTemplate(source, inner.length === 0 ? STATUS_FIELD_TYPES[field.type] : 'any', [...at, 'value', ...inner], out);
    });
    readConditions([field.conditions], at, out);
  });
  return out;
}

function walkValue(value: unknown, at: (string | number)[], visit: (at: (string | number)[], source: string) => void): void {
  if (typeof value === 'string') {
    if (isTemplate(value)) visit(at, value);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => walkValue(v, [...at, i], visit));
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) walkValue(v, [...at, k], visit);
  }
}

/** The `.spec` hints of one template whose result fills a field of `fieldType` (issue 18: conversion paths read them too). */
export function templateHints(source: string, fieldType: FieldType | undefined, docPath: DocPath): SpecHint[] {
  const out: SpecHint[] = [];
  readTemplate(source, fieldType, docPath, out);
  return out;
}

function readTemplate(source: string, fieldType: FieldType | undefined, docPath: DocPath, out: SpecHint[]): void {
  // Roots are checked by the Katalog validator; here only `.spec` reads matter.
  const compiled = compileTemplate(source, { roots: 'any' });
  if (!compiled.ok) return;
  for (const { path, use } of templateUses(compiled.template)) {
    // `.` is the whole custom resource, so its spec is read whole too.
    const below = path.length === 0 ? [] : path[0] === 'spec' ? path.slice(1) : undefined;
    if (below) out.push({ path: below, hint: path.length === 0 ? { type: 'whole' } : hintOf(use, fieldType), source: docPath });
  }
}

function hintOf(use: TemplateUse, fieldType: FieldType | undefined): Hint {
  switch (use) {
    case 'output': return outputHint(fieldType);
    case 'whole': return { type: 'whole' };
    case 'test': return { type: 'presence' };
    case 'text': return { type: 'value', valueType: 'string', strong: false };
    default: return { type: 'value', valueType: use, strong: false };
  }
}

function outputHint(fieldType: FieldType | undefined): Hint {
  switch (fieldType) {
    case 'integer': case 'number': case 'boolean': case 'int-or-string':
      return { type: 'value', valueType: fieldType, strong: true };
    // Rendered scalars of any type are stringified into a string field.
    case 'string': return { type: 'value', valueType: 'string', strong: false };
    // A free-form field (or one the item schema does not know) takes the value as it is.
    case 'any': case undefined: return { type: 'whole' };
  }
}

// Block-level sets are read once per item; the hints they give are the same each time.
function readConditions(sets: readonly ConditionSet[], docPath: DocPath, out: SpecHint[]): void {
  for (const set of sets) for (const c of [...set.all, ...set.any]) readCondition(c, docPath, out);
}

function readCondition(condition: Condition, fallback: DocPath, out: SpecHint[]): void {
  const { field } = condition;
  const docPath = [...(condition.at ?? fallback), 'field'];
  if (field.type === 'template') return readTemplate(field.text, undefined, docPath, out);
  if (field.path[0] !== 'spec') return;
  out.push({ path: field.path.slice(1), hint: conditionHint(condition), source: docPath });
}

function conditionHint(condition: Condition): Hint {
  switch (condition.operator) {
    // `contains` also looks into lists and maps, so it says nothing about the type.
    case 'exists': case 'notExists': case 'contains': case 'notContains': case 'unique': return { type: 'presence' };
    // Ordering compares numbers (strings that hold numbers too: the hint is weak then).
    case 'gt': case 'gte': case 'lt': case 'lte': case 'between': case 'notBetween':
      return { type: 'value', valueType: 'number', strong: condition.valueType === undefined };
    case 'regex': case 'prefix': case 'notPrefix': case 'suffix': case 'notSuffix': return { type: 'value', valueType: 'string', strong: false };
    default: {
      if (condition.operator.startsWith('type')) return { type: 'presence' };
      const { operand } = condition;
      const scalars = operand.type === 'scalar' ? [operand.value] : operand.type === 'list' ? operand.items : [];
      const values = scalars.flatMap((s) => (s.type === 'literal' && s.value !== '' ? [s.value] : []));
      const types = new Set(values.map((v) => (typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'boolean' : 'string')));
      const [only] = types;
      return types.size === 1 && only ? { type: 'value', valueType: only, strong: false } : { type: 'presence' };
    }
  }
}

import type * as v from 'valibot';
import { CHILD_KINDS } from '../children/kinds.ts';
import type { ChildKindKey } from '../children/kind-meta.ts';
import { itemFieldType } from '../crd/item-field-type.ts';
import { planCrdSchema } from '../crd/plan-crd-schema.ts';
import { typeAtPath } from '../crd/type-at-path.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { makeDiagnostic } from '../diagnostics/make-diagnostic.ts';
import { compileTemplate, inferTemplateType, isTemplate, templateReferences, type ValueType } from '../template/index.ts';
import type { FieldType } from '../field-schemas/field-schemas.ts';
import type { DocPath, Locator } from '../katalog/locate.ts';
import type { CrdEntry, JsonSchema } from '../katalog/model.ts';
import { checkConditionType } from '../conditions/check-condition-type.ts';
import type { Condition, ConditionSet } from '../conditions/condition-model.ts';
import { conditionDiagnostics } from '../katalog/condition-diagnostics.ts';

// Which rendered value types each field type can hold; `unknown` never produces a finding.
const FITS: Record<FieldType, readonly ValueType[]> = {
  integer: ['integer', 'number'],
  number: ['integer', 'number'],
  boolean: ['boolean'],
  'int-or-string': ['integer', 'number', 'string'],
  string: ['string', 'integer', 'number', 'boolean'],
  any: ['string', 'integer', 'number', 'boolean', 'object', 'array'],
};

/**
 * Checks every template of a CRD's children and status fields: syntax, paths the CRD schema does
 * not define (ORK1202), and rendered types that cannot fit their field (ORK1203, such as a string
 * template feeding `replicas`). Also checks `when` fields and patterns.
 */
export function checkTemplates(crd: CrdEntry, locator: Locator): Diagnostic[] {
  const plan = planCrdSchema(crd);
  const root = plan.schema;
  const out: Diagnostic[] = [];
  // A block's when/or is shared by all its items: check it once.
  const checked = new Set<ConditionSet>();
  for (const problem of plan.problems) {
    out.push(makeDiagnostic('ORK1312', locator.at([...crd.path, 'schema', ...problem.path]), problem.message));
  }
  for (const note of plan.notes.filter((n) => n.type === 'reserved')) {
    out.push(makeDiagnostic('ORK1313', locator.at(note.sources[0] ?? crd.path), note.message));
  }
  for (const item of crd.children) {
    const info = CHILD_KINDS[item.key as ChildKindKey];
    if (!info) continue;
    walk(item.spec, [], (value, rel) => {
      if (rel[0] === 'when' || rel[0] === 'or') return;
      out.push(...checkString(value, [...item.path, ...rel], root, locator, itemFieldType(info.itemSchema as v.GenericSchema, rel)));
    }, (key, rel) => out.push(makeDiagnostic('ORK1206', locator.at([...item.path, ...rel, key], 'key'), `key "${key}" looks like a template but keys are never rendered`)));
    for (const set of item.conditions) if (!checked.has(set)) out.push(...checkConditionSet(set, root, locator, checked));
  }
  crd.status.fields.forEach((f, i) => {
    const base: DocPath = [...crd.path, 'operatorBox', 'status', 'fields', i];
    walk(f.value, [], (value, rel) => out.push(...checkString(value, [...base, 'value', ...rel], root, locator, 'any')), () => undefined);
    out.push(...checkConditionSet(f.conditions, root, locator, checked));
  });
  return out;
}

function checkString(source: string, path: DocPath, root: JsonSchema, locator: Locator, fieldType: FieldType | undefined): Diagnostic[] {
  if (!isTemplate(source)) return [];
  const compiled = compileTemplate(source);
  if (!compiled.ok) {
    const e = compiled.error;
    return [makeDiagnostic(e.code, locator.inScalar(path, e.offset), e.message, e.hint !== undefined ? { hint: e.hint } : {})];
  }
  const out: Diagnostic[] = [];
  for (const ref of templateReferences(compiled.template)) {
    // `.children` is typed by the child kinds, not by the CRD schema.
    if (ref.path.length && ref.path[0] !== 'children' && typeAtPath(root, ref.path) === 'missing') {
      out.push(makeDiagnostic('ORK1202', locator.inScalar(path, ref.offset), `.${ref.path.join('.')} is not defined by the CRD schema`));
    }
  }
  if (fieldType && fieldType !== 'any') {
    const type = inferTemplateType(compiled.template, (p) => {
      const t = typeAtPath(root, p);
      return t === 'missing' ? 'unknown' : t;
    });
    if (type !== 'unknown' && !FITS[fieldType].includes(type)) {
      out.push(makeDiagnostic('ORK1203', locator.at(path), `this template renders ${article(type)} ${type}, but the field needs ${article(fieldType)} ${fieldType}`,
        { hint: type === 'string' && (fieldType === 'integer' || fieldType === 'number')
          ? 'make the template exactly one action ("{{ .spec.replicas }}") on an integer field, or convert with "| int"'
          : `template a field of type ${fieldType}` }));
    }
  }
  return out;
}

function checkConditionSet(set: ConditionSet, root: JsonSchema, locator: Locator, checked: Set<ConditionSet>): Diagnostic[] {
  checked.add(set);
  return [...set.all, ...set.any].flatMap((c) => checkCondition(c, root, locator));
}

// Syntax, operators and values were checked when the condition was parsed; here the CRD schema:
// paths it does not define, and types the condition can never match (ORK1125).
function checkCondition(c: Condition, root: JsonSchema, locator: Locator): Diagnostic[] {
  const at = c.at ?? [];
  const typeOf = (p: readonly string[]): ValueType => {
    const t = p[0] === 'children' ? 'missing' : typeAtPath(root, p);
    return t === 'missing' ? 'unknown' : t;
  };
  const out: Diagnostic[] = [];
  let type: ValueType = 'unknown';
  if (c.field.type === 'path') {
    if (c.field.path[0] !== 'children' && typeAtPath(root, c.field.path) === 'missing') {
      out.push(makeDiagnostic('ORK1202', locator.at([...at, 'field']), `${c.field.text} is not defined by the CRD schema`));
    }
    type = typeOf(c.field.path);
  } else {
    out.push(...checkString(c.field.text, [...at, 'field'], root, locator, undefined));
    type = inferTemplateType(c.field.template, typeOf);
  }
  const values = c.operand.type === 'scalar' ? [c.operand.value] : c.operand.type === 'list' ? c.operand.items : [];
  for (const v of values) {
    if (v.type === 'template') out.push(...checkString(v.template.source, [...at, c.written === 'field' || c.written === 'operator' ? 'value' : c.written], root, locator, undefined));
  }
  out.push(...conditionDiagnostics(checkConditionType(c, type), at, locator));
  return out;
}

function walk(value: unknown, path: (string | number)[], onString: (s: string, path: (string | number)[]) => void,
              onTemplateKey: (key: string, path: (string | number)[]) => void): void {
  if (typeof value === 'string') onString(value, path);
  else if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i], onString, onTemplateKey));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (isTemplate(k)) onTemplateKey(k, path);
      walk(v, [...path, k], onString, onTemplateKey);
    }
  }
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}

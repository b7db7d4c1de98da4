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
      if (rel[0] === 'when') return;
      out.push(...checkString(value, [...item.path, ...rel], root, locator, itemFieldType(info.itemSchema as v.GenericSchema, rel)));
    }, (key, rel) => out.push(makeDiagnostic('ORK1206', locator.at([...item.path, ...rel, key], 'key'), `key "${key}" looks like a template but keys are never rendered`)));
    item.when.forEach((c, i) => out.push(...checkCondition(c.field, c.operator === 'regex' ? c.value : undefined, [...item.path, 'when', i], root, locator)));
  }
  crd.status.fields.forEach((f, i) => {
    const base: DocPath = [...crd.path, 'operatorBox', 'status', 'fields', i];
    walk(f.value, [], (value, rel) => out.push(...checkString(value, [...base, 'value', ...rel], root, locator, 'any')), () => undefined);
    f.when.forEach((c, j) => out.push(...checkCondition(c.field, c.operator === 'regex' ? c.value : undefined, [...base, 'when', j], root, locator)));
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
    if (ref.path.length && typeAtPath(root, ref.path) === 'missing') {
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

function checkCondition(field: string, pattern: unknown, path: DocPath, root: JsonSchema, locator: Locator): Diagnostic[] {
  const out: Diagnostic[] = [];
  const segments = field.replace(/^\./, '').split('.').filter(Boolean);
  if (segments.length && typeAtPath(root, segments) === 'missing') {
    out.push(makeDiagnostic('ORK1202', locator.at([...path, 'field']), `${field} is not defined by the CRD schema`));
  }
  if (typeof pattern === 'string') {
    try {
      new RegExp(pattern, 'u');
    } catch (err) {
      out.push(makeDiagnostic('ORK1113', locator.at([...path, 'value']), `invalid pattern: ${(err as Error).message}`));
    }
  }
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

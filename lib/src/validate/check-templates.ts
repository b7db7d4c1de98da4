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
import { judgeRead, rootsOf, type ReadContext } from './check-scope-reads.ts';
import { makeDiagnostic as diag } from '../diagnostics/make-diagnostic.ts';
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
  const items = [...crd.children, ...(crd.onDelete?.groups.flatMap((g) => g.items) ?? [])];
  const declared = new Set(items.map((i) => i.key));
  for (const item of items) {
    const info = CHILD_KINDS[item.key as ChildKindKey];
    if (!info) continue;
    const ctx: ReadContext = { declared, forEach: item.forEach ? forEachContext(item.forEach, root) : undefined };
    if (item.forEach) out.push(...checkForEach(item.forEach, item, root, locator));
    walk(item.spec, [], (value, rel) => {
      if (rel[0] === 'when' || rel[0] === 'or' || rel[0] === 'forEach') return;
      out.push(...checkString(value, [...item.path, ...rel], root, locator, itemFieldType(info.itemSchema as v.GenericSchema, rel), ctx));
    }, (key, rel) => out.push(makeDiagnostic('ORK1206', locator.at([...item.path, ...rel, key], 'key'), `key "${key}" looks like a template but keys are never rendered`)));
    for (const set of item.conditions) if (!checked.has(set)) out.push(...checkConditionSet(set, root, locator, checked, ctx));
  }
  const statusCtx: ReadContext = { declared };
  crd.status.fields.forEach((f, i) => {
    const base: DocPath = [...crd.path, 'operatorBox', 'status', 'fields', i];
    walk(f.value, [], (value, rel) => out.push(...checkString(value, [...base, 'value', ...rel], root, locator, 'any', statusCtx)), () => undefined);
    out.push(...checkConditionSet(f.conditions, root, locator, checked, statusCtx));
  });
  if (crd.onDelete) {
    for (const set of [crd.onDelete.conditions, ...crd.onDelete.groups.map((g) => g.conditions)]) out.push(...checkConditionSet(set, root, locator, checked, statusCtx));
  }
  return out;
}

function checkString(source: string, path: DocPath, root: JsonSchema, locator: Locator, fieldType: FieldType | undefined, ctx: ReadContext): Diagnostic[] {
  if (!isTemplate(source)) return [];
  const compiled = compileTemplate(source, { roots: rootsOf(ctx) });
  if (!compiled.ok) {
    const e = compiled.error;
    return [makeDiagnostic(e.code, locator.inScalar(path, e.offset), e.message, e.hint !== undefined ? { hint: e.hint } : {})];
  }
  const out: Diagnostic[] = [];
  for (const ref of templateReferences(compiled.template)) {
    const verdict = judgeRead(ref.path, ctx, schemaTypeAt);
    if (verdict.type === 'problem') {
      out.push(diag(verdict.code, locator.inScalar(path, ref.offset), verdict.message, verdict.hint !== undefined ? { hint: verdict.hint } : {}));
    } else if (verdict.type === 'cr' && ref.path.length && typeAtPath(root, ref.path) === 'missing') {
      out.push(makeDiagnostic('ORK1202', locator.inScalar(path, ref.offset), `.${ref.path.join('.')} is not defined by the CRD schema`));
    }
  }
  if (fieldType && fieldType !== 'any') {
    const type = inferTemplateType(compiled.template, (p) => readType(p, root, ctx));
    if (type !== 'unknown' && !FITS[fieldType].includes(type)) {
      out.push(makeDiagnostic('ORK1203', locator.at(path), `this template renders ${article(type)} ${type}, but the field needs ${article(fieldType)} ${fieldType}`,
        { hint: type === 'string' && (fieldType === 'integer' || fieldType === 'number')
          ? 'make the template exactly one action ("{{ .spec.replicas }}") on an integer field, or convert with "| int"'
          : `template a field of type ${fieldType}` }));
    }
  }
  return out;
}

function checkConditionSet(set: ConditionSet, root: JsonSchema, locator: Locator, checked: Set<ConditionSet>, ctx: ReadContext): Diagnostic[] {
  checked.add(set);
  return [...set.all, ...set.any].flatMap((c) => checkCondition(c, root, locator, ctx));
}

// Syntax, operators and values were checked when the condition was parsed; here the CRD schema:
// paths it does not define, and types the condition can never match (ORK1125).
function checkCondition(c: Condition, root: JsonSchema, locator: Locator, ctx: ReadContext): Diagnostic[] {
  const at = c.at ?? [];
  const typeOf = (p: readonly string[]): ValueType => readType(p, root, ctx);
  const out: Diagnostic[] = [];
  let type: ValueType = 'unknown';
  if (c.field.type === 'path') {
    // `.children` is typed by the child kinds (issue 14), the forEach element by its schema.
    const verdict = judgeRead(c.field.path, ctx, schemaTypeAt);
    if (verdict.type === 'problem') {
      out.push(diag(verdict.code, locator.at([...at, 'field']), verdict.message, verdict.hint !== undefined ? { hint: verdict.hint } : {}));
    } else if (verdict.type === 'cr' && typeAtPath(root, c.field.path) === 'missing') {
      out.push(makeDiagnostic('ORK1202', locator.at([...at, 'field']), `${c.field.text} is not defined by the CRD schema`));
    }
    type = typeOf(c.field.path);
  } else {
    out.push(...checkString(c.field.text, [...at, 'field'], root, locator, undefined, ctx));
    type = inferTemplateType(c.field.template, typeOf);
  }
  const values = c.operand.type === 'scalar' ? [c.operand.value] : c.operand.type === 'list' ? c.operand.items : [];
  for (const v of values) {
    if (v.type === 'template') out.push(...checkString(v.template.source, [...at, c.written === 'field' || c.written === 'operator' ? 'value' : c.written], root, locator, undefined, ctx));
  }
  out.push(...conditionDiagnostics(checkConditionType(c, type), at, locator));
  return out;
}

// The type a read yields: a child kind's field, the forEach element's, or the CR schema's.
function readType(path: readonly string[], root: JsonSchema, ctx: ReadContext): ValueType {
  const verdict = judgeRead(path, ctx, schemaTypeAt);
  if (verdict.type === 'ok') return verdict.read;
  if (verdict.type === 'problem') return 'unknown';
  const t = typeAtPath(root, path);
  return t === 'missing' ? 'unknown' : t;
}

// issue 14: the type at a path below any schema node (a forEach element).
function schemaTypeAt(schema: JsonSchema, path: readonly string[]): string {
  return typeAtPath({ properties: { spec: schema } }, ['spec', ...path]);
}

// The element of a forEach: a list's items, or a map's values (its keys are strings).
function forEachContext(forEach: { readonly field: string; readonly as?: string | undefined }, root: JsonSchema): NonNullable<ReadContext['forEach']> {
  const target = schemaAt(root, forEach.field);
  const isMap = target?.['type'] === 'object';
  const element = isMap ? asSchema(target?.['additionalProperties']) : asSchema(target?.['items']);
  return { roots: ['item', 'value', ...(forEach.as !== undefined ? [forEach.as] : [])], isMap, ...(isMap ? { value: element } : { item: element }) };
}

const RESERVED_ROOTS = new Set(['metadata', 'spec', 'status', 'children', 'item', 'value']);

function checkForEach(forEach: { readonly field: string; readonly as?: string | undefined }, item: { readonly path: readonly (string | number)[]; readonly spec: { readonly [k: string]: unknown } },
                      root: JsonSchema, locator: Locator): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = [...item.path, 'forEach'];
  const segments = forEach.field.replace(/^\./, '').split('.').filter(Boolean);
  const type = segments.length ? typeAtPath(root, segments) : 'missing';
  if (type === 'missing') out.push(makeDiagnostic('ORK1202', locator.at([...at, 'field']), `${forEach.field} is not defined by the CRD schema`));
  else if (type !== 'array' && type !== 'object' && type !== 'unknown') out.push(diag('ORK1253', locator.at([...at, 'field']), `${forEach.field} is ${article(type)} ${type}, not a list or a map`));
  if (forEach.as !== undefined && (RESERVED_ROOTS.has(forEach.as) || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(forEach.as))) {
    out.push(diag('ORK1254', locator.at([...at, 'as']), `forEach.as "${forEach.as}" ${RESERVED_ROOTS.has(forEach.as) ? 'is a root already' : 'is not a template identifier'}`));
  }
  const name = item.spec['name'];
  const roots = ['item', 'value', ...(forEach.as !== undefined ? [forEach.as] : [])];
  const compiled = typeof name === 'string' && isTemplate(name) ? compileTemplate(name, { roots: 'any' }) : undefined;
  const varies = compiled?.ok === true && templateReferences(compiled.template).some((r) => r.path[0] !== undefined && roots.includes(r.path[0]));
  if (!varies) {
    out.push(diag('ORK1255', locator.at(name === undefined ? item.path : [...item.path, 'name'], name === undefined ? 'key' : 'value'),
      name === undefined ? 'a forEach item needs a name that uses the element: the default name is the same for every element' : `name "${String(name)}" is the same for every element`,
      { hint: `use the element in the name, such as "{{ .metadata.name }}-{{ .${forEach.as ?? 'item'} }}"` }));
  }
  return out;
}

function schemaAt(root: JsonSchema, dotted: string): JsonSchema | undefined {
  let node: JsonSchema | undefined = root;
  for (const seg of dotted.replace(/^\./, '').split('.').filter(Boolean)) {
    node = asSchema(asSchema(node?.['properties'])?.[seg]);
    if (!node) return undefined;
  }
  return node;
}

function asSchema(v: unknown): JsonSchema | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as JsonSchema) : undefined;
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

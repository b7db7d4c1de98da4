import { formatPath, type DocPath } from '../katalog/locate.ts';
import type { CrdEntry, JsonSchema } from '../katalog/model.ts';
import { collectSpecHints, type InferredType, type SpecHint } from './collect-spec-hints.ts';
import { addFact, emptyTree, factsBelow, sortedChildren, type PathTree } from './path-tree.ts';
import type { SchemaNote } from './schema-note.ts';

const preserve = (): JsonSchema => ({ 'x-kubernetes-preserve-unknown-fields': true });

/**
 * Infers the `.spec` schema of a CRD from how its templates and conditions read `.spec`:
 * typed fields give types, nested paths give objects, and wherever the uses disagree or say
 * nothing about the type the node keeps any value (notes say where and why).
 */
export function inferSpecSchema(crd: Pick<CrdEntry, 'children' | 'status' | 'path'>, extra: readonly SpecHint[] = []): { schema: JsonSchema; notes: SchemaNote[] } {
  const tree = emptyTree<SpecHint>();
  // Issue 18: `extra` are the uses of conversion paths that read or write this version.
  for (const hint of [...collectSpecHints(crd), ...extra]) addFact(tree, hint.path, hint);
  const notes: SchemaNote[] = [];
  if (tree.facts.length === 0 && tree.children.size === 0) {
    // Knowing nothing, the CRD must accept any spec: an empty object schema would prune every field.
    notes.push({ type: 'empty', path: 'spec', message: 'no template or condition reads .spec, so the CRD accepts any spec', sources: [] });
    return { schema: { type: 'object', ...preserve() }, notes };
  }
  return { schema: objectNode(tree, 'spec', crd.path, notes), notes };
}

function objectNode(node: PathTree<SpecHint>, at: string, base: readonly (string | number)[], notes: SchemaNote[]): JsonSchema {
  const strong = valueTypes(node.facts, true);
  if (strong.length > 0) {
    // Only `.spec` itself gets here with strong uses: deeper nodes with them are leaves or conflicts.
    notes.push(note('conflict', at, `${at} is always an object, but is read as ${strong.join(' and ')}`, node.facts, base));
  }
  const properties: Record<string, JsonSchema> = {};
  for (const [name, child] of sortedChildren(node)) properties[name] = fieldNode(child, `${at}.${name}`, base, notes);
  // A value passed on whole must arrive whole, and a spec with no known field must keep them all.
  const whole = node.facts.some((f) => f.hint.type === 'whole') || node.children.size === 0;
  return { type: 'object', ...(node.children.size > 0 ? { properties } : {}), ...(whole ? preserve() : {}) };
}

function fieldNode(node: PathTree<SpecHint>, at: string, base: readonly (string | number)[], notes: SchemaNote[]): JsonSchema {
  const facts = node.facts;
  const strong = valueTypes(facts, true);
  if (node.children.size > 0) {
    if (strong.length > 0) {
      notes.push(note('conflict', at, `${at} is read both as ${strong.join(' and ')} and as an object with fields; it keeps any value`, factsBelow(node), base));
      return preserve();
    }
    return objectNode(node, at, base, notes);
  }
  if (strong.length > 0) {
    const type = meet(strong);
    if (type) return schemaFor(type);
    notes.push(note('conflict', at, `${at} is read as ${strong.join(' and ')}; it keeps any value`, facts, base));
    return preserve();
  }
  // A free-form field takes any value, so any other use says more about the type.
  const weak = valueTypes(facts, false);
  const typed = weak.filter((t) => t !== 'string');
  if (typed.length === 0) {
    if (weak.length > 0) return schemaFor('string');
    const whole = facts.some((f) => f.hint.type === 'whole');
    notes.push(note('unknown', at, whole
      ? `${at} is only passed on whole (to a free-form field or toJson); it keeps any value`
      : `${at} is only tested for presence; it keeps any value`, facts, base));
    return preserve();
  }
  const type = meet(typed);
  if (type) return schemaFor(type);
  notes.push(note('conflict', at, `${at} is used as ${typed.join(' and ')}; it keeps any value`, facts, base));
  return preserve();
}

function valueTypes(facts: readonly SpecHint[], strong: boolean): InferredType[] {
  const types = new Set<InferredType>();
  for (const f of facts) if (f.hint.type === 'value' && f.hint.strong === strong) types.add(f.hint.valueType);
  return [...types].sort();
}

// The one type every use accepts: an integer is a number, and an integer or a string; nothing
// but a boolean is a boolean.
function meet(types: readonly InferredType[]): InferredType | undefined {
  if (types.length === 1) return types[0];
  if (types.some((t) => t === 'boolean' || t === 'string')) return undefined;
  return 'integer';
}

function schemaFor(type: InferredType): JsonSchema {
  // The form controller-gen emits for intstr.IntOrString.
  if (type === 'int-or-string') return { anyOf: [{ type: 'integer' }, { type: 'string' }], 'x-kubernetes-int-or-string': true };
  return { type };
}

function note(type: SchemaNote['type'], path: string, message: string, facts: readonly SpecHint[],
              base: readonly (string | number)[]): SchemaNote {
  const seen = new Set<string>();
  const sources = facts.map((f) => f.source).filter((s) => {
    const key = formatPath(s);
    return seen.has(key) ? false : (seen.add(key), true);
  }).sort(comparePaths);
  const where = sources.map((s) => formatPath(s.slice(base.length))).join(', ');
  return { type, path, message: where ? `${message} (read at ${where})` : message, sources };
}

// Document order where it is known (indexes numerically), so notes read top to bottom.
function comparePaths(a: DocPath, b: DocPath): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i]!, y = b[i]!;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return a.length - b.length;
}

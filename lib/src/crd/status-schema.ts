import type { CrdEntry, JsonSchema, StatusField } from '../katalog/model.ts';
import { addFact, emptyTree, sortedChildren, type PathTree } from './path-tree.ts';
import type { SchemaNote } from './schema-note.ts';

// Copied from what controller-gen emits for metav1.Condition, so kubectl, kstatus and Flux read
// our conditions exactly as they read any other controller's (reference/ecosystem.md §b).
const CONDITION_TYPE_PATTERN = '^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$';
const CONDITION_REASON_PATTERN = '^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$';

/** The schema of one `metav1.Condition`, as controller-gen emits it. */
export const CONDITION_SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    type: { type: 'string', maxLength: 316, pattern: CONDITION_TYPE_PATTERN },
    status: { type: 'string', enum: ['True', 'False', 'Unknown'] },
    reason: { type: 'string', maxLength: 1024, minLength: 1, pattern: CONDITION_REASON_PATTERN },
    message: { type: 'string', maxLength: 32768 },
    lastTransitionTime: { type: 'string', format: 'date-time' },
    observedGeneration: { type: 'integer', format: 'int64', minimum: 0 },
  },
  required: ['lastTransitionTime', 'message', 'reason', 'status', 'type'],
};

/** Status fields the runtime writes itself; a declared status field may not take these names. */
export const RESERVED_STATUS_FIELDS: readonly string[] = ['conditions', 'observedGeneration'];

const FIELD_TYPE_SCHEMA = {
  string: { type: 'string' },
  int: { type: 'integer' },
  float: { type: 'number' },
  bool: { type: 'boolean' },
  // `auto` keeps whatever the template renders (a number, a list, a mapping...).
  auto: { 'x-kubernetes-preserve-unknown-fields': true },
} as const satisfies Record<StatusField['type'], JsonSchema>;

interface Written { readonly type: StatusField['type']; readonly index: number }

/**
 * Plans the `.status` schema of a CRD: `observedGeneration`, `conditions` (a map list keyed by
 * `type`, so server-side apply merges conditions one by one) and every declared status field.
 */
export function planStatusSchema(crd: Pick<CrdEntry, 'path' | 'status'>): { schema: JsonSchema; notes: SchemaNote[] } {
  const notes: SchemaNote[] = [];
  const source = (i: number) => [...crd.path, 'operatorBox', 'status', 'fields', i];
  const tree = emptyTree<Written>();
  crd.status.fields.forEach((field, index) => {
    const path = field.path.split('.');
    if (path.some((seg) => seg === '')) {
      notes.push({ type: 'invalid', path: `status.${field.path}`, message: `status field path "${field.path}" has an empty segment; it is left out of the schema`, sources: [source(index)] });
    } else if (RESERVED_STATUS_FIELDS.includes(path[0]!)) {
      notes.push({ type: 'reserved', path: `status.${path[0]}`, message: `status.${path[0]} is written by the runtime; the status field is left out of the schema`, sources: [source(index)] });
    } else {
      addFact(tree, path, { type: field.type, index });
    }
  });
  const properties: Record<string, JsonSchema> = {
    observedGeneration: {
      type: 'integer',
      format: 'int64',
      description: 'The metadata.generation the runtime last reconciled.',
    },
    conditions: {
      type: 'array',
      description: 'The latest observations of the resource; Ready summarises the last reconcile.',
      items: CONDITION_SCHEMA,
      'x-kubernetes-list-map-keys': ['type'],
      'x-kubernetes-list-type': 'map',
    },
  };
  for (const [name, child] of sortedChildren(tree)) properties[name] = fieldNode(child, `status.${name}`, notes, source);
  return { schema: { type: 'object', properties }, notes };
}

// Several entries may write one path (declarative state machines do), so the node must accept
// every value written: the union of the declared types.
function fieldNode(node: PathTree<Written>, at: string, notes: SchemaNote[],
                   source: (i: number) => (string | number)[]): JsonSchema {
  if (node.children.size > 0) {
    if (node.facts.length > 0) {
      notes.push({
        type: 'conflict', path: at, message: `${at} is written both as a value and as a parent of other fields; it keeps any value`,
        sources: node.facts.map((f) => source(f.index)),
      });
      return { 'x-kubernetes-preserve-unknown-fields': true };
    }
    const properties: Record<string, JsonSchema> = {};
    for (const [name, child] of sortedChildren(node)) properties[name] = fieldNode(child, `${at}.${name}`, notes, source);
    return { type: 'object', properties };
  }
  const types = [...new Set(node.facts.map((f) => f.type))].sort();
  if (types.length === 1) return FIELD_TYPE_SCHEMA[types[0]!];
  if (types.length === 2 && types[0] === 'float' && types[1] === 'int') return FIELD_TYPE_SCHEMA.float;
  if (!types.includes('auto')) {
    notes.push({
      type: 'conflict', path: at, message: `${at} is written with types ${types.join(', ')}; it keeps any value`,
      sources: node.facts.map((f) => source(f.index)),
    });
  }
  return FIELD_TYPE_SCHEMA.auto;
}

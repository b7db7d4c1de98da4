import type { JsonSchema } from '../katalog/model.ts';
import type { ValueType } from '../template/ast.ts';

/** What a schema says about the value at a path: its type, `unknown` when it cannot tell, `missing` when the schema has no such field. */
export type PathType = ValueType | 'missing';

// ObjectMeta is the same for every CRD and is not spelled out in CRD schemas (the API server owns it).
const METADATA: Readonly<Record<string, ValueType>> = {
  name: 'string', generateName: 'string', namespace: 'string', uid: 'string', resourceVersion: 'string',
  creationTimestamp: 'string', deletionTimestamp: 'string', generation: 'integer', deletionGracePeriodSeconds: 'integer',
  labels: 'object', annotations: 'object', ownerReferences: 'array', finalizers: 'array', managedFields: 'array',
};

const SCHEMA_TYPES = new Set<ValueType>(['string', 'integer', 'number', 'boolean', 'object', 'array']);

type Node = { readonly [key: string]: unknown };

/**
 * The type at `path` (`['spec', 'db', 'size']`) of a custom resource whose CRD has the root
 * `openAPIV3Schema` given (as `planCrdSchema` returns it). `missing` means an object on the way
 * lists its fields and this one is not among them (the API server would prune it).
 */
export function typeAtPath(rootSchema: JsonSchema, path: readonly string[]): PathType {
  const [head, ...rest] = path;
  if (head === undefined) return 'object';
  if (head === 'metadata') return metadataType(rest);
  if (head === 'apiVersion' || head === 'kind') return rest.length === 0 ? 'string' : 'missing';
  const properties = asNode(rootSchema['properties']);
  const top = head === 'spec' || head === 'status' ? asNode(properties?.[head]) : undefined;
  return top ? walk(top, rest) : 'missing';
}

function metadataType(rest: readonly string[]): PathType {
  const [field, key, ...deeper] = rest;
  if (field === undefined) return 'object';
  const type = METADATA[field];
  if (type === undefined) return 'missing';
  if (key === undefined) return type;
  // Labels and annotations are string maps: any key may be read and renders empty when absent.
  return (field === 'labels' || field === 'annotations') && deeper.length === 0 ? 'string' : 'missing';
}

function walk(start: Node, rest: readonly string[]): PathType {
  let node = start;
  for (const seg of rest) {
    const next = asNode(asNode(node['properties'])?.[seg]) ?? asNode(node['additionalProperties']);
    if (next) {
      node = next;
      continue;
    }
    if (node['additionalProperties'] === true || node['x-kubernetes-preserve-unknown-fields'] === true) return 'unknown';
    return 'missing';
  }
  const type = node['type'];
  if (node['x-kubernetes-int-or-string'] === true) return 'unknown';
  return typeof type === 'string' && SCHEMA_TYPES.has(type as ValueType) ? (type as ValueType) : 'unknown';
}

function asNode(value: unknown): Node | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Node) : undefined;
}

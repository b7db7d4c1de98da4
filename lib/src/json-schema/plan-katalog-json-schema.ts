import type * as v from 'valibot';
import { CHILD_KINDS, CHILD_KIND_KEYS, operatorBoxListSchema } from '../children/index.ts';
import { conditionSchema } from '../conditions/condition-schema.ts';
import { OPERATORS } from '../conditions/operators.ts';
import { INTEGER_TEXT, integerText, NUMBER_TEXT, numberText, templateString } from '../field-schemas/field-schemas.ts';
import { KATALOG_API_VERSION } from '../validate/parse-katalog.ts';
import { katalogSchema, operatorBoxSchema } from '../katalog/schema.ts';
import { unwrapSchema } from '../katalog/schema-walk.ts';
import { valibotToJsonSchema, type JsonSchemaNode } from './valibot-to-json-schema.ts';

/** The JSON Schema dialect emitted: draft-07 is what editors' YAML language servers read best. */
export const JSON_SCHEMA_DIALECT = 'http://json-schema.org/draft-07/schema#';

// Titles and descriptions by field path; `*` is any key of a map.
interface Doc { readonly title?: string; readonly description: string; readonly enum?: readonly string[] }

const DOCS: readonly (readonly [path: string, doc: Doc])[] = [
  ['apiVersion', { description: 'Always orkestra.orkspace.io/v1.', enum: [KATALOG_API_VERSION] }],
  ['kind', { description: 'Always Katalog.', enum: ['Katalog'] }],
  ['metadata', { title: 'Metadata', description: 'Names and describes the Katalog.' }],
  ['spec', { title: 'Spec', description: 'The custom resource types the runtime operates.' }],
  ['spec.crds', { title: 'CRDs', description: 'Custom resource types by name (a DNS-1123 label).' }],
  ['spec.crds.*', { description: 'One custom resource type: its API names and what each of its resources produces.' }],
  ['spec.crds.*.enabled', { description: 'Default true; a disabled CRD is neither generated nor run.' }],
  ['spec.crds.*.apiTypes', { description: 'Group, version, kind and plural of the custom resource; required unless crdFile is given.' }],
  ['spec.crds.*.crdFile', { description: 'A CustomResourceDefinition YAML file, relative to the Katalog, to read names and schema from.' }],
  ['spec.crds.*.scope', { description: 'Namespaced (default) or Cluster.' }],
  ['spec.crds.*.schema', { description: 'The openAPIV3Schema of .spec; inferred from the templates when absent.' }],
  ['spec.crds.*.namespace', { description: 'Watch only this namespace (permissions then become Roles there).' }],
  ['spec.crds.*.dependsOn', { description: 'CRDs to start first: a list of names, or a map of name to started or healthy.' }],
  ['spec.crds.*.operatorBox', { description: 'What each custom resource produces, and the status written back.' }],
  ['spec.crds.*.operatorBox.onCreate', { description: 'Children created when absent.' }],
  ['spec.crds.*.operatorBox.onReconcile', { description: 'Children applied on every reconcile (drift correction).' }],
  ['spec.crds.*.operatorBox.status', { description: 'Conditions and declared fields written to .status.' }],
  ['security', { title: 'Security', description: 'Admission protection enforced by the gateway.' }],
  ['gateway', { title: 'Gateway', description: 'Gateway settings; standalone runs the gateway without a runtime.' }],
];

/** Plans the draft-07 JSON Schema of the Katalog format, for editor completion and checks (`ork generate schema`). */
export function planKatalogJsonSchema(): JsonSchemaNode {
  const definitions = new Map<v.GenericSchema, string>([
    [operatorBoxListSchema, 'operatorBoxList'],
    [conditionSchema, 'condition'],
    ...CHILD_KIND_KEYS.map((key) => [CHILD_KINDS[key].itemSchema, `${key}Item`] as const),
  ]);
  // However the Katalog schema spells the onCreate/onReconcile lists, editors get the item schemas.
  const lists = [operatorBoxSchema.entries.onCreate, operatorBoxSchema.entries.onReconcile].map((s) => unwrapSchema(s));
  const converted = valibotToJsonSchema(katalogSchema, {
    definitions,
    replace: new Map(lists.map((s) => [s, operatorBoxListSchema])),
    fixed: new Map([
      [templateString, { type: 'string', pattern: '\\{\\{' }],
      [integerText, { type: 'string', pattern: `\\{\\{|${INTEGER_TEXT.source}` }],
      [numberText, { type: 'string', pattern: `\\{\\{|${NUMBER_TEXT.source}` }],
    ]),
  });
  const root = converted.schema;
  for (const [path, doc] of DOCS) document(root, path, doc);
  // The operator is a string to the shape check (so a typo gets ORK1120 with a hint); editors get the list.
  const condition = asNode(asNode(converted.definitions['condition'])['properties']);
  condition['operator'] = { type: 'string', enum: [...OPERATORS] };
  return {
    $schema: JSON_SCHEMA_DIALECT,
    title: 'Orkestra Katalog',
    description: 'One Katalog describes custom resource types and what each custom resource produces (orkestra.orkspace.io/v1).',
    ...root,
    definitions: converted.definitions,
  };
}

function document(root: JsonSchemaNode, path: string, doc: Doc): void {
  let node = root;
  let container = root;
  let field = '';
  for (const seg of path.split('.')) {
    [container, field] = seg === '*' ? [node, 'additionalProperties'] : [asNode(node['properties']), seg];
    node = asNode(container[field]);
  }
  const { title: _title, description: _description, ...rest } = node;
  // Draft-07 ignores keywords beside $ref, so a referenced schema is wrapped.
  const shape = '$ref' in rest ? { allOf: [rest] } : rest;
  container[field] = {
    ...(doc.title !== undefined ? { title: doc.title } : {}),
    description: doc.description,
    ...shape,
    ...(doc.enum ? { enum: [...doc.enum] } : {}),
  };
}

function asNode(value: unknown): JsonSchemaNode {
  // The DOCS table names fields of our own schema: a miss is a bug, caught by the tests.
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('Katalog JSON Schema: DOCS names a field the schema does not have');
  return value as JsonSchemaNode;
}

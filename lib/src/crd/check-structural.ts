/** One reason a schema is not a structural schema; `path` leads from the checked schema's root to the offending keyword. */
export interface StructuralProblem {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

const TYPES = new Set(['object', 'array', 'string', 'integer', 'number', 'boolean']);

// JSONSchemaProps fields: the API server decodes CRDs strictly, so any other key is rejected.
// The rules below are those kube-apiserver v1.37 enforces on create (checked against it).
const KEYWORDS = new Set([
  'type', 'format', 'title', 'description', 'default', 'example', 'externalDocs', 'nullable', 'enum',
  'maximum', 'exclusiveMaximum', 'minimum', 'exclusiveMinimum', 'multipleOf',
  'maxLength', 'minLength', 'pattern', 'maxItems', 'minItems', 'uniqueItems', 'maxProperties', 'minProperties',
  'required', 'items', 'properties', 'additionalProperties', 'allOf', 'anyOf', 'oneOf', 'not', 'definitions',
  'x-kubernetes-preserve-unknown-fields', 'x-kubernetes-embedded-resource', 'x-kubernetes-int-or-string',
  'x-kubernetes-list-map-keys', 'x-kubernetes-list-type', 'x-kubernetes-map-type', 'x-kubernetes-validations',
]);

// JSONSchemaProps fields that apiextensions.k8s.io/v1 forbids.
const UNSUPPORTED = new Set(['$ref', '$schema', 'id', 'dependencies', 'additionalItems', 'patternProperties']);

// Inside allOf/anyOf/oneOf/not a schema only validates; it may not shape the value.
const NOT_IN_JUNCTORS = ['type', 'default', 'description', 'nullable', 'additionalProperties'];

const JUNCTORS = ['allOf', 'anyOf', 'oneOf'] as const;

type Node = { readonly [key: string]: unknown };
type Path = readonly (string | number)[];

/**
 * Checks the rules of a Kubernetes structural schema (every field typed, no `$ref`, logical
 * junctors only validate, `properties` xor `additionalProperties`, ...); empty when structural.
 */
export function checkStructural(schema: unknown): StructuralProblem[] {
  const problems: StructuralProblem[] = [];
  checkValue(schema, [], problems);
  return problems;
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkValue(value: unknown, path: Path, out: StructuralProblem[]): void {
  if (!isNode(value)) {
    out.push({ path, message: 'must be a schema (a mapping)' });
    return;
  }
  checkKeywords(value, path, out);
  const intOrString = value['x-kubernetes-int-or-string'] === true;
  const preserve = value['x-kubernetes-preserve-unknown-fields'] === true;
  if (value['type'] === undefined && !intOrString && !preserve) {
    out.push({ path, message: 'needs a type (or x-kubernetes-int-or-string / x-kubernetes-preserve-unknown-fields)' });
  }
  if (value['properties'] !== undefined && value['additionalProperties'] !== undefined) {
    out.push({ path: [...path, 'additionalProperties'], message: 'cannot be used together with properties' });
  }
  if (value['type'] === 'array' && value['items'] === undefined) {
    out.push({ path: [...path, 'items'], message: 'must be given for an array' });
  }
  if (value['x-kubernetes-list-type'] !== undefined && value['type'] !== 'array') {
    out.push({ path: [...path, 'x-kubernetes-list-type'], message: 'is only allowed on arrays' });
  }
  if (value['x-kubernetes-list-type'] === 'map' && !Array.isArray(value['x-kubernetes-list-map-keys'])) {
    out.push({ path: [...path, 'x-kubernetes-list-map-keys'], message: 'must list the key fields when x-kubernetes-list-type is map' });
  }
  if (value['x-kubernetes-embedded-resource'] === true && value['type'] !== 'object') {
    out.push({ path: [...path, 'type'], message: 'must be object when x-kubernetes-embedded-resource is true' });
  }
  checkFields(value, path, out);
  for (const { branch, at } of junctorBranches(value, path, out)) checkJunctorBranch(branch, at, intOrString, out);
}

// The schemas under allOf/anyOf/oneOf (lists) and not (one schema), with their paths.
function junctorBranches(node: Node, path: Path, out: StructuralProblem[]): { branch: unknown; at: Path }[] {
  const found: { branch: unknown; at: Path }[] = [];
  for (const junctor of JUNCTORS) {
    const branches = node[junctor];
    if (branches === undefined) continue;
    if (Array.isArray(branches)) branches.forEach((branch, i) => found.push({ branch, at: [...path, junctor, i] }));
    else out.push({ path: [...path, junctor], message: 'must be a list of schemas' });
  }
  if (node['not'] !== undefined) found.push({ branch: node['not'], at: [...path, 'not'] });
  return found;
}

function checkKeywords(node: Node, path: Path, out: StructuralProblem[]): void {
  for (const key of Object.keys(node)) {
    if (UNSUPPORTED.has(key)) out.push({ path: [...path, key], message: `${key} is not supported in CRD schemas` });
    else if (!KEYWORDS.has(key)) out.push({ path: [...path, key], message: `unknown schema keyword "${key}"` });
  }
  const type = node['type'];
  if (type !== undefined && (typeof type !== 'string' || !TYPES.has(type))) {
    out.push({ path: [...path, 'type'], message: `must be one of ${[...TYPES].join(', ')}` });
  }
  const preserve = node['x-kubernetes-preserve-unknown-fields'];
  if (preserve !== undefined && preserve !== true) {
    out.push({ path: [...path, 'x-kubernetes-preserve-unknown-fields'], message: 'must be true or left out' });
  }
  if (node['uniqueItems'] === true) {
    out.push({ path: [...path, 'uniqueItems'], message: 'cannot be true (use x-kubernetes-list-type: set)' });
  }
  if (node['items'] !== undefined && !isNode(node['items'])) {
    out.push({ path: [...path, 'items'], message: 'must be one schema, not a list' });
  }
}

function checkFields(node: Node, path: Path, out: StructuralProblem[]): void {
  const properties = node['properties'];
  if (properties !== undefined) {
    if (!isNode(properties)) out.push({ path: [...path, 'properties'], message: 'must be a mapping of field names to schemas' });
    else for (const [name, child] of Object.entries(properties)) checkValue(child, [...path, 'properties', name], out);
  }
  if (isNode(node['items'])) checkValue(node['items'], [...path, 'items'], out);
  if (isNode(node['additionalProperties'])) checkValue(node['additionalProperties'], [...path, 'additionalProperties'], out);
}

function checkJunctorBranch(branch: unknown, path: Path, intOrString: boolean, out: StructuralProblem[]): void {
  if (!isNode(branch)) {
    out.push({ path, message: 'must be a schema (a mapping)' });
    return;
  }
  checkKeywords(branch, path, out);
  for (const key of NOT_IN_JUNCTORS) {
    // The int-or-string patterns (anyOf: [{type: integer}, {type: string}]) are the one exception.
    if (key === 'type' && intOrString) continue;
    if (branch[key] !== undefined) out.push({ path: [...path, key], message: `${key} is not allowed inside allOf/anyOf/oneOf/not` });
  }
  // The API server (v1.37) does not require fields constrained in a branch to be declared
  // outside it (they are pruned), so neither do we; their nested schemas follow the same rules.
  if (isNode(branch['properties'])) {
    for (const [name, child] of Object.entries(branch['properties'])) checkJunctorBranch(child, [...path, 'properties', name], false, out);
  }
  if (branch['items'] !== undefined) checkJunctorBranch(branch['items'], [...path, 'items'], false, out);
  if (isNode(branch['additionalProperties'])) checkJunctorBranch(branch['additionalProperties'], [...path, 'additionalProperties'], false, out);
  for (const nested of junctorBranches(branch, path, out)) checkJunctorBranch(nested.branch, nested.at, intOrString, out);
}

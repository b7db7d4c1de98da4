import type * as v from 'valibot';
import { uncode } from '../field-schemas/coded.ts';

/** A JSON Schema (draft-07) node as plain data. */
export type JsonSchemaNode = { [keyword: string]: unknown };

/** How `valibotToJsonSchema` treats particular schemas, matched by identity. */
export interface ToJsonSchemaOptions {
  /** Emitted once under `definitions` with this name and referenced with `$ref`. */
  readonly definitions?: ReadonlyMap<v.GenericSchema, string>;
  /** Converted as the other schema instead (to swap in a richer schema). */
  readonly replace?: ReadonlyMap<v.GenericSchema, v.GenericSchema>;
  /** Converted to this fixed JSON Schema (for schemas whose checks are code, such as "contains {{"). */
  readonly fixed?: ReadonlyMap<v.GenericSchema, JsonSchemaNode>;
}

// The valibot fields this converter reads; valibot's own types are per schema kind.
interface AnySchema {
  readonly type: string;
  readonly kind?: string;
  readonly entries?: Readonly<Record<string, AnySchema>>;
  readonly wrapped?: AnySchema;
  readonly options?: readonly unknown[];
  readonly item?: AnySchema;
  readonly key?: AnySchema;
  readonly value?: AnySchema;
  readonly literal?: unknown;
  readonly getter?: (input: unknown) => AnySchema;
  readonly pipe?: readonly AnyAction[];
}

interface AnyAction {
  readonly kind: string;
  readonly type: string;
  readonly requirement?: unknown;
  readonly message?: unknown;
  readonly title?: string;
  readonly description?: string;
}

const OPTIONAL = new Set(['optional', 'exact_optional', 'nullish', 'undefinedable']);

/**
 * Converts the valibot schemas Orkestra uses into a draft-07 JSON Schema for editors:
 * strict objects forbid unknown keys, picklists become enums, `integer()` becomes
 * `type: integer`; code-only checks add their message as a description.
 */
export function valibotToJsonSchema(schema: v.GenericSchema, options: ToJsonSchemaOptions = {}): {
  schema: JsonSchemaNode;
  definitions: Record<string, JsonSchemaNode>;
} {
  const definitions: Record<string, JsonSchemaNode> = {};
  const convert = (s: AnySchema): JsonSchemaNode => {
    const swapped = (options.replace?.get(s as unknown as v.GenericSchema) as AnySchema | undefined) ?? s;
    const fixed = options.fixed?.get(swapped as unknown as v.GenericSchema);
    if (fixed) return structuredCopy(fixed);
    const name = options.definitions?.get(swapped as unknown as v.GenericSchema);
    if (name === undefined) return withPipe(swapped, base(swapped, convert));
    if (!(name in definitions)) {
      definitions[name] = {}; // reserved first, so a recursive reference stops here
      definitions[name] = withPipe(swapped, base(swapped, convert));
    }
    return { $ref: `#/definitions/${name}` };
  };
  const root = convert(schema as unknown as AnySchema);
  const sorted: Record<string, JsonSchemaNode> = {};
  for (const key of Object.keys(definitions).sort()) sorted[key] = definitions[key]!;
  return { schema: root, definitions: sorted };
}

function base(s: AnySchema, convert: (s: AnySchema) => JsonSchemaNode): JsonSchemaNode {
  switch (s.type) {
    case 'string': return { type: 'string' };
    case 'number': return { type: 'number' };
    case 'boolean': return { type: 'boolean' };
    case 'null': return { type: 'null' };
    case 'literal': return { enum: [s.literal] };
    case 'picklist': case 'enum': {
      const values = [...(s.options ?? [])];
      return values.every((x) => typeof x === 'string') ? { type: 'string', enum: values } : { enum: values };
    }
    case 'strict_object': case 'object': case 'loose_object': {
      const entries = Object.entries(s.entries ?? {});
      const required = entries.filter(([, e]) => !OPTIONAL.has(e.type)).map(([k]) => k);
      return {
        type: 'object',
        properties: Object.fromEntries(entries.map(([k, e]) => [k, convert(e)])),
        ...(required.length > 0 ? { required } : {}),
        ...(s.type === 'strict_object' ? { additionalProperties: false } : {}),
      };
    }
    case 'record': {
      const keys = s.key ? withPipe(s.key, {}) : {};
      return {
        type: 'object',
        ...(keys['pattern'] !== undefined ? { propertyNames: { pattern: keys['pattern'] } } : {}),
        additionalProperties: s.value ? convert(s.value) : {},
      };
    }
    case 'array': return { type: 'array', items: s.item ? convert(s.item) : {} };
    case 'union': case 'variant': {
      // Nested unions flatten into one anyOf, which editors list as alternatives.
      const anyOf = (s.options as readonly AnySchema[]).map(convert).flatMap((o) => (isBareAnyOf(o) ? o['anyOf'] as JsonSchemaNode[] : [o]));
      return { anyOf };
    }
    case 'nullable': return { anyOf: [convert(s.wrapped!), { type: 'null' }] };
    case 'lazy': return convert(s.getter!(undefined));
    default:
      // optional and friends: the key's optionality is expressed by the parent's `required`.
      if (OPTIONAL.has(s.type) && s.wrapped) return convert(s.wrapped);
      // unknown, any and anything this converter does not know: accept every value.
      return {};
  }
}

// Reads the pipe's validations and metadata into JSON Schema keywords.
function withPipe(s: AnySchema, node: JsonSchemaNode): JsonSchemaNode {
  const out: JsonSchemaNode = { ...node };
  const notes: string[] = [];
  for (const action of s.pipe ?? []) {
    if (action.kind === 'schema') continue;
    switch (action.type) {
      case 'integer': out['type'] = 'integer'; break;
      case 'min_value': out['minimum'] = action.requirement; break;
      case 'max_value': out['maximum'] = action.requirement; break;
      case 'regex': out['pattern'] = (action.requirement as RegExp).source; break;
      case 'min_length': out[out['type'] === 'array' ? 'minItems' : 'minLength'] = action.requirement; break;
      case 'max_length': out[out['type'] === 'array' ? 'maxItems' : 'maxLength'] = action.requirement; break;
      case 'title': out['title'] = action.title; break;
      case 'description': out['description'] = action.description; break;
      case 'check':
        if (typeof action.message === 'string') notes.push(uncode(action.message).message);
        break;
      default: break;
    }
  }
  // A check is code, not a keyword: say what it wants, for editors' hovers.
  if (notes.length > 0 && out['description'] === undefined) out['description'] = sentence(notes.join('; '));
  return out;
}

function isBareAnyOf(node: JsonSchemaNode): boolean {
  return Object.keys(node).length === 1 && Array.isArray(node['anyOf']);
}

function structuredCopy(node: JsonSchemaNode): JsonSchemaNode {
  return JSON.parse(JSON.stringify(node)) as JsonSchemaNode;
}

function sentence(text: string): string {
  const capital = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

// A minimal draft-07 validator for exactly the keywords planKatalogJsonSchema emits; the tests use
// it because the repository adds no JSON Schema dependency. Unknown keywords throw, so a new
// keyword in the output cannot pass unchecked.
import type { JsonSchemaNode } from './valibot-to-json-schema.ts';

const ANNOTATIONS = new Set(['$schema', 'title', 'description', 'definitions']);

/** Every place where `value` breaks `schema`, as `path: message`; empty when it validates. */
export function validateInstance(root: JsonSchemaNode, value: unknown): string[] {
  const errors: string[] = [];
  check(root, root, value, '', errors);
  return errors;
}

function check(root: JsonSchemaNode, schema: JsonSchemaNode, value: unknown, at: string, errors: string[]): void {
  for (const [keyword, arg] of Object.entries(schema)) {
    const fail = (message: string) => errors.push(`${at || '(root)'}: ${message}`);
    switch (keyword) {
      case '$ref': {
        const name = String(arg).replace(/^#\/definitions\//, '');
        const target = (root['definitions'] as Record<string, JsonSchemaNode> | undefined)?.[name];
        if (!target) throw new Error(`dangling $ref ${String(arg)}`);
        check(root, target, value, at, errors);
        break;
      }
      case 'type': if (!hasType(value, arg as string)) fail(`expected ${String(arg)}`); break;
      case 'enum': if (!(arg as unknown[]).includes(value)) fail(`expected one of ${JSON.stringify(arg)}`); break;
      case 'pattern': if (typeof value === 'string' && !new RegExp(arg as string, 'u').test(value)) fail(`does not match ${String(arg)}`); break;
      case 'minimum': if (typeof value === 'number' && value < (arg as number)) fail(`below ${String(arg)}`); break;
      case 'maximum': if (typeof value === 'number' && value > (arg as number)) fail(`above ${String(arg)}`); break;
      case 'minLength': if (typeof value === 'string' && value.length < (arg as number)) fail('too short'); break;
      case 'maxLength': if (typeof value === 'string' && value.length > (arg as number)) fail('too long'); break;
      case 'minItems': if (Array.isArray(value) && value.length < (arg as number)) fail('too few items'); break;
      case 'maxItems': if (Array.isArray(value) && value.length > (arg as number)) fail('too many items'); break;
      case 'required':
        if (isObject(value)) for (const k of arg as string[]) if (!(k in value)) fail(`missing ${k}`);
        break;
      case 'properties':
        if (isObject(value)) {
          for (const [k, sub] of Object.entries(arg as Record<string, JsonSchemaNode>)) {
            if (k in value) check(root, sub, value[k], `${at}.${k}`, errors);
          }
        }
        break;
      case 'additionalProperties':
        if (isObject(value)) {
          const declared = (schema['properties'] ?? {}) as Record<string, unknown>;
          for (const [k, v] of Object.entries(value)) {
            if (k in declared) continue;
            if (arg === false) fail(`unknown field ${k}`);
            else check(root, arg as JsonSchemaNode, v, `${at}.${k}`, errors);
          }
        }
        break;
      case 'propertyNames':
        if (isObject(value)) for (const k of Object.keys(value)) check(root, arg as JsonSchemaNode, k, `${at}{${k}}`, errors);
        break;
      case 'items':
        if (Array.isArray(value)) value.forEach((v, i) => check(root, arg as JsonSchemaNode, v, `${at}[${i}]`, errors));
        break;
      case 'anyOf': {
        const options = arg as JsonSchemaNode[];
        if (!options.some((o) => { const sub: string[] = []; check(root, o, value, at, sub); return sub.length === 0; })) fail('matches no alternative');
        break;
      }
      case 'allOf': for (const o of arg as JsonSchemaNode[]) check(root, o, value, at, errors); break;
      default:
        if (!ANNOTATIONS.has(keyword)) throw new Error(`validateInstance does not know keyword ${keyword}`);
    }
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'object': return isObject(value);
    case 'array': return Array.isArray(value);
    case 'string': return typeof value === 'string';
    case 'boolean': return typeof value === 'boolean';
    case 'null': return value === null;
    case 'number': return typeof value === 'number';
    case 'integer': return Number.isInteger(value);
    default: throw new Error(`unknown type ${type}`);
  }
}

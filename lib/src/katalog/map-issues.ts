import type * as v from 'valibot';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { makeDiagnostic } from '../diagnostics/make-diagnostic.ts';
import { closest } from '../util/closest.ts';
import { uncode } from '../field-schemas/coded.ts';
import type { Locator } from './locate.ts';
import { unsupportedKey } from './reference-keys.ts';
import { allowedKeys, schemaAt, unwrapSchema } from './schema-walk.ts';
import { fieldTypeOf, NOT_A_TEMPLATE } from '../field-schemas/field-schemas.ts';

type Issue = v.BaseIssue<unknown>;

/** Turns valibot issues into positioned diagnostics; `base` is the document path `root` validated. */
export function mapIssues(
  issues: readonly Issue[],
  root: v.GenericSchema,
  locator: Locator,
  base: readonly (string | number)[] = [],
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const issue of issues) {
    // valibot stops at the first unknown key of a mapping; every one is reported (issue 14).
    for (const expanded of expandUnknownKeys(issue, root)) {
      const d = mapIssue(expanded, root, locator, base);
      const id = `${d.path}|${d.code}|${d.line}:${d.column}`;
      if (!seen.has(id)) out.push(d);
      seen.add(id);
    }
  }
  return out;
}

// A strict_object issue names one unknown key; the mapping it came from may hold more.
function expandUnknownKeys(issue: Issue, root: v.GenericSchema): Issue[] {
  if (issue.type !== 'strict_object' || issue.expected !== 'never' || !issue.path?.length) return [issue];
  const last = issue.path[issue.path.length - 1]!;
  const input = last.input;
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return [issue];
  const parent = issue.path.slice(0, -1).map((p) => p.key as string | number);
  const allowed = new Set(allowedKeys(schemaAt(root, parent)));
  if (allowed.size === 0) return [issue];
  const unknown = Object.keys(input).filter((k) => !allowed.has(k));
  if (!unknown.includes(String(last.key))) return [issue];
  return unknown.map((key) => ({ ...issue, input: key, path: [...issue.path!.slice(0, -1), { ...last, key, value: (input as Record<string, unknown>)[key] }] }) as unknown as Issue);
}

function mapIssue(issue: Issue, root: v.GenericSchema, locator: Locator, base: readonly (string | number)[]): Diagnostic {
  const rel = (issue.path ?? []).map((p) => p.key as string | number);
  const path = [...base, ...rel];
  const last = issue.path?.[issue.path.length - 1];
  const field = rel.length ? String(rel[rel.length - 1]) : '';

  if (issue.type === 'strict_object' && issue.expected === 'never') {
    const parent = rel.slice(0, -1);
    const unsupported = unsupportedKey(schemaAt(root, parent), field);
    if (unsupported !== undefined) {
      return makeDiagnostic('ORK1130', locator.at(path, 'key'), `"${field}" is not supported by this version of Orkestra (${unsupported})`, {
        hint: 'remove it; spec/katalog.md lists what this version runs',
      });
    }
    const suggestion = closest(field, allowedKeys(schemaAt(root, parent)));
    const known = allowedKeys(schemaAt(root, parent));
    return makeDiagnostic('ORK1100', locator.at(path, 'key'), `unknown field "${field}"`, {
      hint: suggestion
        ? `did you mean "${suggestion}"?`
        : known.length ? `allowed here: ${known.join(', ')}` : 'remove the field',
    });
  }
  if (issue.received === 'undefined' && last?.origin === 'key' && issue.type === 'strict_object') {
    return makeDiagnostic('ORK1102', locator.at(path.slice(0, -1), 'key'), `missing required field "${field}"`, {
      hint: `add "${field}:" here`,
    });
  }
  const { code, message } = uncode(issue.message);
  const target = last?.origin === 'key' ? 'key' : 'value';
  if (message === NOT_A_TEMPLATE) {
    const found = schemaAt(root, rel);
    const type = found ? fieldTypeOf(unwrapSchema(found)) : undefined;
    const wanted = type === 'integer' ? 'an integer (also as text, "3")' : type === 'number' ? 'a number (also as text)' : type === 'boolean' ? 'true or false' : 'a value';
    return makeDiagnostic('ORK1101', locator.at(path, target), `${describe(field)}expected ${wanted} or a template ("{{ ... }}"), got ${issue.received}`);
  }
  if (code) return makeDiagnostic(code, locator.at(path, target), `${describe(field)}${message}, got ${issue.received}`);
  if (issue.kind === 'schema' && !message.startsWith('Invalid ') && issue.type !== 'union') {
    return makeDiagnostic('ORK1101', locator.at(path, target), `${describe(field)}${message}, got ${issue.received}`);
  }
  if (issue.type === 'union' && !message.startsWith('Invalid type')) {
    return makeDiagnostic('ORK1101', locator.at(path, target), `${describe(field)}${message.charAt(0).toLowerCase()}${message.slice(1)}, got ${issue.received}`);
  }
  if (issue.type === 'picklist') {
    const options = [...(issue.expected ?? '').matchAll(/"([^"]*)"/g)].map((m) => m[1]!);
    const guess = typeof issue.input === 'string' ? closest(issue.input, options) : undefined;
    return makeDiagnostic('ORK1103', locator.at(path, target), `${describe(field)}must be one of ${options.join(', ')}, got ${issue.received}`,
      guess ? { hint: `did you mean "${guess}"?` } : {});
  }
  if (issue.type === 'integer') {
    return makeDiagnostic('ORK1101', locator.at(path, target), `${describe(field)}expected an integer, got ${issue.received}`);
  }
  if (issue.kind === 'validation') {
    return makeDiagnostic('ORK1103', locator.at(path, target), `${describe(field)}${message}, got ${issue.received}`);
  }
  const expected = issue.expected === null ? message : readable(issue.expected);
  if (issue.expected === 'number' && issue.type === 'number') {
    return makeDiagnostic('ORK1101', locator.at(path, target), `${describe(field)}expected a number, got ${issue.received}`);
  }
  return makeDiagnostic('ORK1101', locator.at(path, target), `${describe(field)}expected ${expected}, got ${issue.received}`);
}

function describe(field: string): string {
  return field ? `"${field}" ` : '';
}

// valibot spells union members as `(number | string)`; users read "integer or template".
function readable(expected: string): string {
  return expected.replace(/^\((.*)\)$/, '$1').replace(/ \| /g, ' or ').replace(/\bObject\b/, 'a mapping').replace(/\bArray\b/, 'a list');
}

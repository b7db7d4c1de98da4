import { evaluateConditionSet } from '../conditions/evaluate-condition-set.ts';
import { isPresent, textOf } from '../conditions/compare-values.ts';
import { readScalar } from '../conditions/read-field.ts';
import { parseTyped } from '../conditions/read-typed.ts';
import { jsonPointer, type PatchOperation } from './json-patch.ts';
import type { MutationRule } from './rule-model.ts';
import { isRecord, ruleScope } from './rule-scope.ts';

/** What one mutation rule did. */
export type MutationOutcome =
  | { readonly rule: number; readonly field: string; readonly type: 'set'; readonly mode: 'default' | 'override'; readonly value: unknown }
  /** Nothing to do: `when`/`or` do not hold, the field already has a value (default), or already the value (override). */
  | { readonly rule: number; readonly field: string; readonly type: 'skipped'; readonly reason: 'conditions' | 'has-value' | 'same-value' }
  /** Could not be applied; the object is left as it was for this rule. */
  | { readonly rule: number; readonly field: string; readonly type: 'failed'; readonly reason: string };

/**
 * Applies the rules in order to a copy of `object` (each rule sees the previous ones' writes) and
 * returns the copy, the JSON Patch that turns the original into it (missing parents are added as
 * `{}` first; `add` for a field that is absent, `replace` for one that is present), and what each
 * rule did. Never throws: a template that fails or a value that valueType cannot read skips
 * that rule and says why.
 */
export function applyMutation(rules: readonly MutationRule[], object: unknown, oldObject?: unknown): { object: unknown; patch: PatchOperation[]; outcomes: MutationOutcome[] } {
  const current = JSON.parse(JSON.stringify(object ?? {})) as Record<string, unknown>;
  const patch: PatchOperation[] = [];
  const outcomes: MutationOutcome[] = [];
  for (const rule of rules) {
    const base = { rule: rule.index, field: rule.field };
    const scope = ruleScope(current, oldObject);
    if (!evaluateConditionSet(rule.applies, scope)) {
      outcomes.push({ ...base, type: 'skipped', reason: 'conditions' });
      continue;
    }
    const existing = readPath(current, rule.path);
    if (existing.type === 'blocked') {
      outcomes.push({ ...base, type: 'failed', reason: `${rule.path.slice(0, existing.depth).join('.')} is not an object` });
      continue;
    }
    if (rule.mode === 'default' && isPresent(existing.value)) {
      outcomes.push({ ...base, type: 'skipped', reason: 'has-value' });
      continue;
    }
    const rendered = readScalar(rule.value, scope);
    if (!rendered.ok) {
      outcomes.push({ ...base, type: 'failed', reason: `the value's template failed: ${rendered.error}` });
      continue;
    }
    const value = rule.valueType === undefined ? rendered.value : parseTyped(rendered.value, rule.valueType);
    if (value === undefined || value === null || (typeof value === 'object')) {
      outcomes.push({ ...base, type: 'failed', reason: rule.valueType === undefined ? `the value renders as ${value === undefined || value === null ? 'nothing' : 'a map or list'}, not a scalar` : `${JSON.stringify(textOf(rendered.value))} cannot be read as ${rule.valueType}` });
      continue;
    }
    if (rule.mode === 'override' && existing.value === value) {
      outcomes.push({ ...base, type: 'skipped', reason: 'same-value' });
      continue;
    }
    write(current, rule.path, value, patch);
    outcomes.push({ ...base, type: 'set', mode: rule.mode, value });
  }
  return { object: current, patch, outcomes };
}

type Read = { type: 'value'; value: unknown } | { type: 'blocked'; depth: number };

// Reads a path; `blocked` when a parent on the way is present but not an object (a string `spec`).
function readPath(root: Record<string, unknown>, path: readonly string[]): Read {
  let node: unknown = root;
  for (let i = 0; i < path.length; i++) {
    if (node === undefined || node === null) return { type: 'value', value: undefined };
    if (!isRecord(node)) return { type: 'blocked', depth: i };
    node = Object.prototype.hasOwnProperty.call(node, path[i]!) ? node[path[i]!] : undefined;
  }
  return { type: 'value', value: node };
}

function write(root: Record<string, unknown>, path: readonly string[], value: unknown, patch: PatchOperation[]): void {
  let node = root;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i]!;
    const next = Object.prototype.hasOwnProperty.call(node, key) ? node[key] : undefined;
    if (isRecord(next)) {
      node = next;
      continue;
    }
    // Absent or null: a JSON Patch add needs the parent to exist.
    const made: Record<string, unknown> = {};
    patch.push({ op: next === undefined ? 'add' : 'replace', path: jsonPointer(path.slice(0, i + 1)), value: {} });
    Object.defineProperty(node, key, { value: made, enumerable: true, writable: true, configurable: true });
    node = made;
  }
  const last = path[path.length - 1]!;
  const present = Object.prototype.hasOwnProperty.call(node, last);
  patch.push({ op: present ? 'replace' : 'add', path: jsonPointer(path), value });
  Object.defineProperty(node, last, { value, enumerable: true, writable: true, configurable: true });
}

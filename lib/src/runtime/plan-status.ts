import type { CrdEntry, StatusField } from '../katalog/model.ts';
import type { ConditionContext, ConditionScope } from '../conditions/condition-model.ts';
import { evaluateConditionSet } from '../conditions/evaluate-condition-set.ts';
import { readPath } from './read-path.ts';
import { renderDeep, type Template } from '../template/index.ts';
import type { ConditionState } from './decide-readiness.ts';
import { canonicalJson } from './fingerprint.ts';
import { formatTime } from './format-time.ts';
import type { CachedCr } from './reconcile-types.ts';

/** One rendered status field: its path below `.status` and its typed value (null: remove it). */
export interface StatusValue {
  readonly path: readonly string[];
  readonly value: unknown;
}

/** Longest Ready message written; longer ones are cut with an ellipsis. */
export const READY_MESSAGE_MAX = 256;

const RESERVED = new Set(['conditions', 'observedGeneration']);

/**
 * Renders the declared status fields against `scope` (the CR and its `.children`). Entries whose
 * `when` fails are left out, or with `clearOnFalse` written "" (string and auto) or removed
 * (typed fields: "" would not fit); for one path the last entry that holds wins (declarative
 * state machines list several). An empty rendering of a non-string field is left out rather
 * than failing the reconcile.
 */
export function renderStatusFields(crd: CrdEntry, scope: ConditionScope, cache?: Map<string, Template>, context: ConditionContext = {}): { values: StatusValue[]; problems: string[] } {
  const byPath = new Map<string, StatusValue>();
  const problems: string[] = [];
  for (const field of crd.status.fields) {
    const path = field.path.split('.');
    // Validation reports these (ORK1313); `__proto__` would reach the prototype of the patch.
    if (path.some((s) => s === '' || s === '__proto__') || RESERVED.has(path[0]!)) continue;
    if (!evaluateConditionSet(field.conditions, scope, context)) {
      if (field.clearOnFalse) byPath.set(path.join('.'), { path, value: field.type === 'string' || field.type === 'auto' ? '' : null });
      continue;
    }
    // Checked when the Katalog was validated (roots included), so any root renders here.
    const rendered = renderDeep(field.value, scope, { roots: 'any', ...(cache ? { cache } : {}) });
    if (!rendered.ok) {
      problems.push(`status.${field.path}: ${rendered.error}`);
      continue;
    }
    const typed = coerce(rendered.value, field.type);
    if (typed.type === 'skip') continue;
    if (typed.type === 'bad') {
      problems.push(`status.${field.path}: ${JSON.stringify(rendered.value)} is not ${field.type === 'int' ? 'an int' : `a ${field.type}`}`);
      continue;
    }
    byPath.set(path.join('.'), { path, value: typed.value });
  }
  return { values: [...byPath.values()], problems };
}

type Coerced = { type: 'ok'; value: unknown } | { type: 'skip' } | { type: 'bad' };

function coerce(v: unknown, type: StatusField['type']): Coerced {
  if (type === 'auto') return { type: 'ok', value: v };
  if (type === 'string') {
    if (v === undefined || v === null) return { type: 'skip' };
    return { type: 'ok', value: typeof v === 'object' ? canonicalJson(v) : String(v) };
  }
  if (v === undefined || v === null || v === '') return { type: 'skip' };
  if (type === 'bool') {
    if (typeof v === 'boolean') return { type: 'ok', value: v };
    return v === 'true' ? { type: 'ok', value: true } : v === 'false' ? { type: 'ok', value: false } : { type: 'bad' };
  }
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  if (!Number.isFinite(n)) return { type: 'bad' };
  if (type === 'int') return Number.isInteger(n) ? { type: 'ok', value: n } : { type: 'bad' };
  return { type: 'ok', value: n };
}

/** Cuts a Ready message to READY_MESSAGE_MAX characters. */
export function truncateMessage(message: string, max = READY_MESSAGE_MAX): string {
  return message.length <= max ? message : `${message.slice(0, max - 1)}…`;
}

/**
 * The JSON merge patch of `.status` that makes the CR show `conditions` and `values`, or
 * undefined when it already does (the zero-write rule). A condition's lastTransitionTime moves
 * only when its status flips; other conditions are kept as they are, because a merge patch
 * replaces the whole list. `conditions` undefined leaves conditions and observedGeneration alone.
 */
export function planStatusPatch(crd: CrdEntry, cr: CachedCr, conditions: readonly ConditionState[] | undefined,
                                values: readonly StatusValue[], nowMs: number): Record<string, unknown> | undefined {
  const status = asRecord(cr.status);
  const generation = cr.metadata.generation;
  const patch: Record<string, unknown> = {};
  let changed = false;
  if (crd.status.conditions && conditions && conditions.length > 0) {
    let list = Array.isArray(status['conditions']) ? (status['conditions'] as unknown[]) : [];
    for (const wanted of conditions) {
      const at = list.findIndex((c) => asRecord(c)['type'] === wanted.type);
      const current = at >= 0 ? asRecord(list[at]) : undefined;
      const sameStatus = current?.['status'] === wanted.status;
      const lastTransitionTime = sameStatus && typeof current?.['lastTransitionTime'] === 'string'
        ? current['lastTransitionTime'] : formatTime(nowMs);
      const next: Record<string, unknown> = {
        type: wanted.type, status: wanted.status, reason: wanted.reason, message: truncateMessage(wanted.message), lastTransitionTime,
        ...(generation !== undefined ? { observedGeneration: generation } : {}),
      };
      if (!current || canonicalJson(current) !== canonicalJson(next)) changed = true;
      list = at >= 0 ? list.map((c, i) => (i === at ? next : c)) : [...list, next];
    }
    if (generation !== undefined && status['observedGeneration'] !== generation) changed = true;
    patch['conditions'] = list;
    if (generation !== undefined) patch['observedGeneration'] = generation;
  }
  for (const { path, value } of values) {
    // A merge patch cannot store null and merges objects, so compare against what it leaves.
    const wanted = withoutNulls(value);
    const current = readPath(status, path.join('.'));
    if (canonicalJson(current) !== canonicalJson(wanted)) changed = true;
    setPath(patch, path, mergeDiff(current, wanted));
  }
  return changed ? patch : undefined;
}

/**
 * The status the CR will show once `values` are written (a null removes the field): children
 * planned in the same reconcile see it, so a state machine whose items follow `.status` moves one
 * step per reconcile instead of one per reconcile and watch round trip.
 */
export function withStatusValues(status: unknown, values: readonly StatusValue[]): Record<string, unknown> {
  const out: Record<string, unknown> = { ...asRecord(status) };
  for (const { path, value } of values) {
    let cur = out;
    path.forEach((seg, i) => {
      if (i === path.length - 1) {
        if (value === null) delete cur[seg];
        else Object.defineProperty(cur, seg, { value, enumerable: true, writable: true, configurable: true });
        return;
      }
      const next = { ...asRecord(cur[seg]) };
      Object.defineProperty(cur, seg, { value: next, enumerable: true, writable: true, configurable: true });
      cur = next;
    });
  }
  return out;
}

/** A field (`status`, `reason`) of condition `type` as the CR shows it now, if any. */
export function conditionField(status: unknown, type: string, field: string): unknown {
  const list = asRecord(status)['conditions'];
  if (!Array.isArray(list)) return undefined;
  return asRecord(list.find((c) => asRecord(c)['type'] === type))[field];
}

// The merge patch turning `current` into `wanted`: keys only `current` has are set to null.
function mergeDiff(current: unknown, wanted: unknown): unknown {
  if (!isPlainObject(wanted) || !isPlainObject(current)) return wanted;
  // Keys come from CR data: define them, so a `__proto__` key stays a plain key.
  const out: Record<string, unknown> = {};
  const put = (k: string, v: unknown) => Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  for (const k of Object.keys(current)) if (!Object.prototype.hasOwnProperty.call(wanted, k)) put(k, null);
  for (const [k, v] of Object.entries(wanted)) put(k, mergeDiff(Object.prototype.hasOwnProperty.call(current, k) ? current[k] : undefined, v));
  return out;
}

function withoutNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutNulls);
  if (!isPlainObject(v)) return v;
  return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== null).map(([k, x]) => [k, withoutNulls(x)]));
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let cur = target;
  path.forEach((seg, i) => {
    if (i === path.length - 1) {
      cur[seg] = value;
      return;
    }
    const next = cur[seg];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) cur[seg] = {};
    cur = cur[seg] as Record<string, unknown>;
  });
}

function asRecord(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

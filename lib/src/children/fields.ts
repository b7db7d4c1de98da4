import { BuildError } from './build-error.ts';
import type { RenderedItem } from './kube-object.ts';

/** Inclusive bounds for an integer field. */
export interface IntRange { min?: number; max?: number }

/**
 * Typed, coercing access to a rendered item. Templates render values of any type, so every
 * read checks and converts ("3" → 3, "true" → true) and names the field when it cannot.
 * `undefined`, `null` and `""` count as absent: a template over a missing CR field renders
 * empty, and an optional field rendered empty should fall back to its default.
 */
export class Fields {
  readonly #obj: RenderedItem;
  readonly #at: string;

  constructor(obj: RenderedItem, at = '') {
    this.#obj = obj;
    this.#at = at;
  }

  /** The dotted path of `key` inside the item, for error messages. */
  path(key: string): string {
    return this.#at ? `${this.#at}.${key}` : key;
  }

  /** Throws a BuildError naming `key`. */
  fail(key: string, message: string): never {
    throw new BuildError(this.path(key), message);
  }

  /** The value of `key`, or undefined when absent or empty. */
  raw(key: string): unknown {
    const value = this.#obj[key];
    return value === null || value === '' ? undefined : value;
  }

  has(key: string): boolean {
    return this.raw(key) !== undefined;
  }

  string(key: string): string {
    return this.optString(key) ?? this.fail(key, 'is required');
  }

  optString(key: string): string | undefined {
    const value = this.raw(key);
    if (value === undefined) return undefined;
    return scalarToString(value) ?? this.fail(key, `expected a string, got ${describe(value)}`);
  }

  /** A string from `values`, matched case-insensitively and returned in its canonical spelling. */
  optEnum<T extends string>(key: string, values: readonly T[]): T | undefined {
    const s = this.optString(key);
    if (s === undefined) return undefined;
    const found = values.find((v) => v.toLowerCase() === s.toLowerCase());
    return found ?? this.fail(key, `must be one of ${values.join(', ')}, got ${describe(s)}`);
  }

  int(key: string, range: IntRange = {}): number {
    return this.optInt(key, range) ?? this.fail(key, 'is required');
  }

  optInt(key: string, range: IntRange = {}): number | undefined {
    const value = this.raw(key);
    if (value === undefined) return undefined;
    const n = toInt(value) ?? this.fail(key, `expected an integer, got ${describe(value)}`);
    if (range.min !== undefined && n < range.min) this.fail(key, `must be at least ${range.min}, got ${n}`);
    if (range.max !== undefined && n > range.max) this.fail(key, `must be at most ${range.max}, got ${n}`);
    return n;
  }

  optBool(key: string): boolean | undefined {
    const value = this.raw(key);
    if (value === undefined || typeof value === 'boolean') return value;
    const s = typeof value === 'string' ? value.trim().toLowerCase() : '';
    if (s === 'true' || s === 'false') return s === 'true';
    return this.fail(key, `expected true or false, got ${describe(value)}`);
  }

  /** Kubernetes IntOrString: integers and all-digit strings become numbers, other strings stay. */
  optIntOrString(key: string): number | string | undefined {
    const value = this.raw(key);
    if (value === undefined) return undefined;
    if (typeof value === 'string') return toInt(value) ?? value.trim();
    return toInt(value) ?? this.fail(key, `expected an integer or a string, got ${describe(value)}`);
  }

  /** A string map with keys sorted (as the API server returns maps); empty maps are absent. */
  optStringMap(key: string): Record<string, string> | undefined {
    const value = this.raw(key);
    if (value === undefined) return undefined;
    if (!isPlainObject(value)) return this.fail(key, `expected a map of strings, got ${describe(value)}`);
    const out: Record<string, string> = {};
    for (const k of Object.keys(value).sort()) {
      const v = value[k];
      if (v === undefined || v === null) continue;
      out[k] = scalarToString(v) ?? this.fail(`${key}.${k}`, `expected a string, got ${describe(v)}`);
    }
    return Object.keys(out).length > 0 ? out : undefined;
  }

  /** A list of strings; scalars are stringified, an empty list is absent. */
  optStringList(key: string): string[] | undefined {
    const list = this.#list(key);
    if (list === undefined) return undefined;
    return list.map((v, i) => scalarToString(v) ?? this.fail(`${key}[${i}]`, `expected a string, got ${describe(v)}`));
  }

  /** A nested mapping read with the same rules. */
  optObject(key: string): Fields | undefined {
    const value = this.raw(key);
    if (value === undefined) return undefined;
    if (!isPlainObject(value)) return this.fail(key, `expected a mapping, got ${describe(value)}`);
    return new Fields(value, this.path(key));
  }

  /** A list of mappings, each read with the same rules. */
  optObjectList(key: string): Fields[] | undefined {
    return this.#list(key)?.map((v, i) => {
      if (!isPlainObject(v)) return this.fail(`${key}[${i}]`, `expected a mapping, got ${describe(v)}`);
      return new Fields(v, this.path(`${key}[${i}]`));
    });
  }

  /** A raw Kubernetes fragment (any JSON), copied without undefined values. */
  optRaw(key: string): unknown {
    const value = this.raw(key);
    return value === undefined ? undefined : copyJson(value);
  }

  /** A raw Kubernetes mapping, copied. */
  optRawObject(key: string): Record<string, unknown> | undefined {
    const value = this.raw(key);
    if (value === undefined) return undefined;
    if (!isPlainObject(value)) return this.fail(key, `expected a mapping, got ${describe(value)}`);
    return copyJson(value) as Record<string, unknown>;
  }

  /** A raw Kubernetes list, copied; an empty list is absent. */
  optRawList(key: string): unknown[] | undefined {
    return this.#list(key)?.map(copyJson);
  }

  #list(key: string): readonly unknown[] | undefined {
    const value = this.raw(key);
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) return this.fail(key, `expected a list, got ${describe(value)}`);
    return value.length > 0 ? value : undefined;
  }
}

/** True for a non-null, non-array object. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toInt(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : undefined;
  if (typeof value !== 'string' || !/^\s*[+-]?\d+\s*$/.test(value)) return undefined;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : undefined;
}

function scalarToString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function copyJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copyJson);
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = copyJson(v);
  return out;
}

/** A short rendering of a value for error messages. */
export function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (isPlainObject(value)) return 'a mapping';
  const s = JSON.stringify(value) ?? String(value);
  return s.length > 60 ? `${s.slice(0, 57)}..."` : s;
}

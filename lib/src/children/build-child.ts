import { BuildError } from './build-error.ts';
import { isPlainObject } from './fields.ts';
import { CHILD_KINDS } from './kinds.ts';
import { CHILD_KIND_KEYS, type ChildKindKey } from './kind-meta.ts';
import type { BuildContext, KubeObject } from './kube-object.ts';

/** The outcome of building one child; `field` is the dotted path of the bad value in the item. */
export type BuildResult =
  | { ok: true; object: KubeObject }
  | { ok: false; error: string; field?: string };

/**
 * Builds the Kubernetes object for one rendered item of kind-list `key`. Never throws for bad
 * input: an unknown field or a value that cannot fit (`replicas: "abc"`) is an `ok: false`
 * result naming the field.
 */
export function buildChild(key: ChildKindKey, item: unknown, ctx: BuildContext): BuildResult {
  if (!Number.isInteger(ctx.index) || ctx.index < 0) throw new RangeError(`ctx.index must be a non-negative integer, got ${ctx.index}`);
  if (!isPlainObject(item)) return { ok: false, error: `a ${key} item must be a mapping` };
  const known = fieldNames(key);
  // The Katalog schema already rejects unknown fields; this guards callers that skip it, so a
  // typo is never silently dropped from the object.
  const unknown = Object.keys(item).find((k) => !known.has(k));
  if (unknown !== undefined) return { ok: false, error: `${unknown}: is not a field of a ${key} item`, field: unknown };
  try {
    return { ok: true, object: CHILD_KINDS[key].build(item, ctx) };
  } catch (err) {
    if (!(err instanceof BuildError)) throw err;
    return { ok: false, error: err.message, ...(err.field !== undefined && { field: err.field }) };
  }
}

/** The field names an item of `key` may carry, read from its (possibly piped) object schema. */
export function fieldNames(key: ChildKindKey): ReadonlySet<string> {
  return FIELD_NAMES.get(key) ?? new Set();
}

const FIELD_NAMES = new Map<ChildKindKey, ReadonlySet<string>>(
  CHILD_KIND_KEYS.map((key) => [key, new Set(Object.keys(entriesOf(CHILD_KINDS[key].itemSchema)))]),
);

function entriesOf(schema: unknown): Record<string, unknown> {
  if (!isPlainObject(schema)) return {};
  if (isPlainObject(schema['entries'])) return schema['entries'];
  const pipe = schema['pipe'];
  return Array.isArray(pipe) && pipe.length > 0 ? entriesOf(pipe[0]) : {};
}

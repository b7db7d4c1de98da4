// What the runtime keeps of a live child. Children are watched as whole objects (status and our
// field set are not in PartialObjectMetadata), but a Deployment's pod template or a ConfigMap's
// data would cost memory for nothing: the cache keeps metadata, status, the few other fields
// health rules and the Katalog's `.children` reads name, and our field set as text.
import { FIELD_MANAGER } from './names.ts';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** A child as the cache holds it. */
export interface ProjectedChild {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly metadata: { readonly name: string; readonly [field: string]: unknown };
  /** The kept fields outside metadata and status, nested as in the object (`{spec: {replicas: 3}}`). */
  readonly kept?: Readonly<Record<string, unknown>>;
  readonly status?: unknown;
  /** `fieldsV1` of our server-side apply entry as JSON text, when there is one (see detectDrift). */
  readonly managed?: string;
}

/**
 * Projects a live object: metadata without managedFields or kubectl's last-applied copy, status
 * as is, the fields at `keep` (paths from the object's root; a path ending early keeps the
 * whole subtree), and the field set of our Apply entry.
 */
export function projectChild(object: { readonly metadata: { readonly name: string; readonly [field: string]: unknown }; readonly [field: string]: unknown },
                             keep: readonly (readonly string[])[]): ProjectedChild {
  const { managedFields, ...rest } = object.metadata;
  const metadata: Record<string, unknown> = rest;
  const annotations = metadata['annotations'];
  if (isRecord(annotations) && LAST_APPLIED in annotations) {
    const { [LAST_APPLIED]: _dropped, ...others } = annotations;
    metadata['annotations'] = others;
  }
  const kept: Record<string, unknown> = {};
  for (const path of keep) copyPath(object, kept, path);
  const managed = ourFieldSet(managedFields);
  return {
    ...(typeof object['apiVersion'] === 'string' ? { apiVersion: object['apiVersion'] } : {}),
    ...(typeof object['kind'] === 'string' ? { kind: object['kind'] } : {}),
    metadata: metadata as ProjectedChild['metadata'],
    ...(Object.keys(kept).length > 0 ? { kept } : {}),
    ...(object['status'] !== undefined ? { status: object['status'] } : {}),
    ...(managed !== undefined ? { managed } : {}),
  };
}

// Our entry is the Apply of FIELD_MANAGER on the main resource (not a subresource).
function ourFieldSet(entries: unknown): string | undefined {
  if (!Array.isArray(entries)) return undefined;
  for (const e of entries) {
    if (!isRecord(e) || e['manager'] !== FIELD_MANAGER || e['operation'] !== 'Apply') continue;
    if (e['subresource'] !== undefined && e['subresource'] !== '') continue;
    return JSON.stringify(e['fieldsV1'] ?? {});
  }
  return undefined;
}

function copyPath(from: unknown, to: Record<string, unknown>, path: readonly string[]): void {
  const [head, ...rest] = path;
  if (head === undefined || head === 'metadata' || head === 'status' || !isRecord(from)) return;
  if (!Object.prototype.hasOwnProperty.call(from, head)) return;
  const value = from[head];
  if (rest.length === 0 || !isRecord(value)) {
    put(to, head, value);
    return;
  }
  if (!has(value, rest)) return;
  const existing = Object.prototype.hasOwnProperty.call(to, head) ? to[head] : undefined;
  // A whole subtree already kept covers any path below it.
  if (existing === value || (existing !== undefined && !isRecord(existing))) return;
  let target = existing as Record<string, unknown> | undefined;
  if (target === undefined) put(to, head, (target = {}));
  copyPath(value, target, rest);
}

/** True when `path` (own properties only) leads to a value, or ends early at a non-object. */
function has(from: Record<string, unknown>, path: readonly string[]): boolean {
  let cur: unknown = from;
  for (const seg of path) {
    if (!isRecord(cur)) return true;
    if (!Object.prototype.hasOwnProperty.call(cur, seg)) return false;
    cur = cur[seg];
  }
  return true;
}

// Keys come from cluster data: define them, so `__proto__` stays a plain key.
function put(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

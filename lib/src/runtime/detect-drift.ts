// Drift is a field of ours that someone else changed. Server-side apply records, per field
// manager, the set of fields it owns (`managedFields[].fieldsV1`); when another manager changes
// one of our fields (kubectl scale, edit, client-side apply, a forced apply), the API server
// moves that field out of our set. So a reconcile-child has drifted exactly when some field of
// the object we apply is no longer in our live set. Values are never compared: the server
// normalises some (quantities, defaults inside our lists), and fields we do not set are not ours.

/** Top-level fields that never appear in a field set (identity and the status subresource). */
const UNTRACKED = new Set(['apiVersion', 'kind', 'status']);
const UNTRACKED_METADATA = new Set(['name', 'namespace', 'generateName', 'resourceVersion', 'uid', 'creationTimestamp']);

/** A field of the desired object missing from our live field set, as a readable path. */
export type DriftFinding = { readonly type: 'drifted'; readonly path: string } | { readonly type: 'in-sync' };

/**
 * Compares the object we apply with our live field set (the `fieldsV1` of our Apply entry, as
 * JSON text, or undefined when we own nothing). Lists and maps the server treats as atomic
 * appear in the set as one empty node and cover everything below them.
 */
export function detectDrift(desired: { readonly [field: string]: unknown }, managed: string | undefined): DriftFinding {
  if (managed === undefined) return { type: 'drifted', path: '(all fields: no field set of ours)' };
  let set: unknown;
  try {
    set = JSON.parse(managed);
  } catch {
    return { type: 'drifted', path: '(unreadable field set)' };
  }
  for (const [key, value] of Object.entries(desired)) {
    if (UNTRACKED.has(key) || value === undefined || value === null) continue;
    const found = key === 'metadata' ? checkMetadata(value, node(set, `f:${key}`)) : check(value, node(set, `f:${key}`), key);
    if (found) return { type: 'drifted', path: found };
  }
  return { type: 'in-sync' };
}

function checkMetadata(value: unknown, live: Node | undefined): string | undefined {
  if (!isRecord(value)) return undefined;
  for (const [key, v] of Object.entries(value)) {
    if (UNTRACKED_METADATA.has(key) || v === undefined || v === null) continue;
    const found = check(v, live && node(live, `f:${key}`), `metadata.${key}`);
    if (found) return found;
  }
  return undefined;
}

type Node = { readonly [key: string]: unknown };

/** The path (below `path`) of the first desired field not covered by `live`, if any. */
function check(value: unknown, live: Node | undefined, path: string): string | undefined {
  if (isEmptyContainer(value)) return undefined;
  if (live === undefined) return path;
  // An empty node is a leaf, or an atomic map or list: it covers everything below it.
  if (Object.keys(live).length === 0) return undefined;
  if (Array.isArray(value)) return checkList(value, live, path);
  if (isRecord(value)) {
    for (const [key, v] of Object.entries(value)) {
      if (v === undefined || v === null) continue;
      const found = check(v, node(live, `f:${key}`), `${path}.${key}`);
      if (found) return found;
    }
  }
  return undefined;
}

function checkList(list: readonly unknown[], live: Node, path: string): string | undefined {
  const keyed = Object.keys(live).filter((k) => k.startsWith('k:')).map((k) => ({ node: node(live, k), key: parseKey(k.slice(2)) }));
  for (const [i, element] of list.entries()) {
    if (element === null || element === undefined) continue;
    if (!isRecord(element)) {
      // A set (`v:`) holds scalars by value; an atomic list was already covered by an empty node.
      if (!(`v:${JSON.stringify(element)}` in live)) return `${path}[${i}]`;
      continue;
    }
    const match = keyed.find((k) => k.key !== undefined && matchesKey(element, k.key));
    const entry = match?.node ?? node(live, `i:${i}`);
    if (entry === undefined) return `${path}[${i}]`;
    const found = check(element, entry, `${path}[${i}]`);
    if (found) return found;
  }
  return undefined;
}

// A list-map key names the element by some of its fields (`{"name":"app"}`, or
// `{"containerPort":80,"protocol":"TCP"}` where the server defaulted the protocol): the element
// matches when every key field it sets has the key's value, and it sets at least one.
function matchesKey(element: Readonly<Record<string, unknown>>, key: Readonly<Record<string, unknown>>): boolean {
  let shared = 0;
  for (const [k, v] of Object.entries(key)) {
    if (!(k in element)) continue;
    if (JSON.stringify(element[k]) !== JSON.stringify(v)) return false;
    shared++;
  }
  return shared > 0;
}

function parseKey(text: string): Readonly<Record<string, unknown>> | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return isRecord(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

function node(parent: unknown, key: string): Node | undefined {
  if (!isRecord(parent) || !Object.prototype.hasOwnProperty.call(parent, key)) return undefined;
  const v = parent[key];
  return isRecord(v) ? v : undefined;
}

// A subtree without a scalar leaf (`{}`, `[]`, only nulls) needs no node: the API server may keep none.
function isEmptyContainer(v: unknown): boolean {
  if (Array.isArray(v)) return v.every(isEmptyContainer);
  if (isRecord(v)) return Object.values(v).every(isEmptyContainer);
  return v === undefined || v === null;
}

function isRecord(v: unknown): v is Readonly<Record<string, unknown>> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

// The on-demand detail routes: each proxies one or two runtime routes (leader preferred, bounded by
// REQUEST_TIMEOUT) and maps what went wrong to the contract's 404 (unknown) or 502 (unreachable).
import { runtimeDetailPath, type DetailTarget, type Snapshot } from '@orkestra/lib/control-center';
import type { GetResult } from './get-json.ts';

/** What a detail route answers. */
export interface DetailReply {
  readonly status: number;
  readonly body: unknown;
}

/** What the detail routes read: where each runtime is, what it last reported, and how to GET. */
export interface DetailSource {
  urlOf(id: string): string | undefined;
  snapshot(): Snapshot;
  /** A leader-preferring GET with the request timeout (getPreferLeader). */
  get(url: string): Promise<GetResult>;
}

type Upstream = { readonly type: 'ok'; readonly body: unknown } | { readonly type: 'reply'; readonly reply: DetailReply };

/**
 * The runtime's base URL and the validated route (lib runtimeDetailPath), or the reply that
 * refuses: 404 for an unknown runtime, 400 for a segment that is not a name (`..` included).
 */
function target(source: DetailSource, id: string, what: DetailTarget): { base: string; path: string } | DetailReply {
  const base = source.urlOf(id);
  if (base === undefined) return unknownRuntime(source, id);
  const p = runtimeDetailPath(what);
  if (p.type === 'invalid') return { status: 400, body: { error: p.message, hint: 'CRD keys and namespaces are DNS-1123 labels, CR names DNS-1123 subdomains; _ is the namespace of cluster-scoped CRs' } };
  return { base, path: p.path };
}

/** `/api/runtimes/{id}/crds/{crd}`: the runtime's `/katalog/{crd}` and `/katalog/{crd}/health`. */
export async function crdDetail(source: DetailSource, id: string, crd: string): Promise<DetailReply> {
  const t = target(source, id, { type: 'crd', crd });
  if ('status' in t) return t;
  const { base, path } = t;
  const [info, health] = await Promise.all([source.get(`${base}${path}`), source.get(`${base}${path}/health`)]);
  const i = relay(source, id, path, info);
  if (i.type === 'reply') return i.reply;
  // A degraded CRD's health answers 503 with the same body: that is data, not a failure.
  const h = relay(source, id, `${path}/health`, health, [200, 503]);
  if (h.type === 'reply') return h.reply;
  return { status: 200, body: { info: i.body, health: h.body } };
}

/** `/api/runtimes/{id}/crds/{crd}/crs`: the runtime's `/katalog/{crd}/cr`. */
export async function crList(source: DetailSource, id: string, crd: string): Promise<DetailReply> {
  const t = target(source, id, { type: 'crs', crd });
  if ('status' in t) return t;
  const { base, path } = t;
  const r = relay(source, id, path, await source.get(`${base}${path}`));
  return r.type === 'reply' ? r.reply : { status: 200, body: r.body };
}

/**
 * `/api/runtimes/{id}/crds/{crd}/crs/{namespace}/{name}` (namespace `_` for cluster-scoped): the CR
 * and its recent Events. Events that cannot be read leave an empty list with the reason, so a
 * runtime without the events route still shows its CR.
 */
export async function crDetail(source: DetailSource, id: string, crd: string, namespace: string, name: string): Promise<DetailReply> {
  const t = target(source, id, { type: 'cr', crd, namespace, name });
  if ('status' in t) return t;
  const { base, path } = t;
  const [cr, events] = await Promise.all([source.get(`${base}${path}`), source.get(`${base}${path}/events`)]);
  const c = relay(source, id, path, cr);
  if (c.type === 'reply') return c.reply;
  const e = relay(source, id, `${path}/events`, events);
  const eventsBody = e.type === 'ok' ? e.body : { items: [], error: String((e.reply.body as { error: unknown }).error) };
  return { status: 200, body: { cr: c.body, events: eventsBody } };
}

/** The contract's 404 for an id not in ORKESTRA_URLS. */
export function unknownRuntime(source: DetailSource, id: string): DetailReply {
  const ids = source.snapshot().runtimes.map((r) => r.id);
  return { status: 404, body: { error: `no runtime "${id}"`, hint: `runtimes are ${ids.join(', ')}, in ORKESTRA_URLS order` } };
}

/** Maps one upstream answer: `okStatuses` pass the body on; 404 stays 404; anything else is a 502. */
function relay(source: DetailSource, id: string, path: string, r: GetResult, okStatuses: readonly number[] = [200]): Upstream {
  if (r.type === 'error') return { type: 'reply', reply: { status: 502, body: { error: `runtime ${id} (${source.urlOf(id)}): GET ${path}: ${r.message}` } } };
  if (okStatuses.includes(r.status)) return { type: 'ok', body: r.body };
  const message = upstreamMessage(r.body);
  if (r.status === 404) return { type: 'reply', reply: { status: 404, body: { error: message ?? `not found: GET ${path}`, ...notFoundHint(source, id, r.body) } } };
  return { type: 'reply', reply: { status: 502, body: { error: `runtime ${id}: GET ${path} answered ${r.status}${message !== undefined ? `: ${message}` : ''}` } } };
}

function upstreamMessage(body: unknown): string | undefined {
  const m = typeof body === 'object' && body !== null ? (body as { message?: unknown }).message : undefined;
  return typeof m === 'string' ? m : undefined;
}

/** A hint for the runtime's 404 codes: which CRDs exist, or where the CR list is. */
function notFoundHint(source: DetailSource, id: string, body: unknown): { hint?: string } {
  const code = typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
  if (code === 'crd-not-found') {
    const katalog = source.snapshot().runtimes.find((r) => r.id === id)?.katalog as { crds?: { name?: unknown }[] } | undefined;
    const names = (katalog?.crds ?? []).map((c) => c.name).filter((n): n is string => typeof n === 'string');
    return names.length > 0 ? { hint: `CRDs of ${id}: ${names.join(', ')}` } : {};
  }
  if (code === 'cr-not-found') return { hint: 'it may have been deleted; the CR list shows what the runtime caches now' };
  if (code === 'route-not-found') return { hint: 'the runtime may be older than this Control Center' };
  return {};
}

/** A route of the probes and `/metrics`. */
export type ProbeRoute =
  | { readonly type: 'health' }
  | { readonly type: 'live' }
  | { readonly type: 'ready' }
  | { readonly type: 'metrics' };

/** A route under `/katalog`; `crd` is the lowercased CRD segment. */
export type KatalogRoute =
  | { readonly type: 'katalog' }
  | { readonly type: 'crd'; readonly crd: string }
  | { readonly type: 'crd-health'; readonly crd: string }
  | { readonly type: 'cr-list'; readonly crd: string }
  | { readonly type: 'cr'; readonly crd: string; readonly namespace: string | undefined; readonly name: string }
  | { readonly type: 'cr-events'; readonly crd: string; readonly namespace: string | undefined; readonly name: string };

/** Every route of the runtime's HTTP API (DESIGN §6). */
export type Route = ProbeRoute | KatalogRoute;

const TOP: Readonly<Record<string, Route>> = {
  health: { type: 'health' },
  livez: { type: 'live' },
  healthz: { type: 'live' },
  readyz: { type: 'ready' },
  metrics: { type: 'metrics' },
  katalog: { type: 'katalog' },
};

/**
 * The route for decoded path segments, or undefined. Matching is exact: no trailing or doubled
 * slash, no empty segment, as fastify's router did by default.
 */
export function matchRoute(segments: readonly string[]): Route | undefined {
  if (segments.length === 0 || segments.includes('')) return undefined;
  const [first, second, third, fourth, fifth] = segments;
  if (segments.length === 1) return first !== undefined && Object.hasOwn(TOP, first) ? TOP[first] : undefined;
  if (first !== 'katalog' || second === undefined || segments.length > 6) return undefined;
  // The URL segment is the lowercase CRD name; accept any case rather than 404 on `Widgets`.
  const crd = second.toLowerCase();
  if (segments.length === 2) return { type: 'crd', crd };
  if (segments.length === 3) {
    if (third === 'health') return { type: 'crd-health', crd };
    return third === 'cr' ? { type: 'cr-list', crd } : undefined;
  }
  if (third !== 'cr' || fourth === undefined) return undefined;
  if (fifth === undefined) return { type: 'cr', crd, namespace: undefined, name: fourth };
  // `/cr/{name}/events` of a cluster-scoped CR has the shape of `/cr/{namespace}/{name}`: the
  // route answers it as a CR and katalog-routes tells them apart by the CRD's scope.
  if (segments.length === 5) return { type: 'cr', crd, namespace: fourth, name: fifth };
  return segments[5] === 'events' ? { type: 'cr-events', crd, namespace: fourth, name: fifth } : undefined;
}

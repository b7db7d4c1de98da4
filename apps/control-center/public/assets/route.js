// Hash routes under /controlcenter, one per page:
//   #/                                        overview
//   #/r0/crd/website                          CRD detail
//   #/r0/crd/website/crs                      CR list
//   #/r0/crd/website/cr/default/hello         CR detail (namespace `_` when cluster-scoped)
// Segments are URI-encoded, so any name round-trips.

/** The namespace segment of a cluster-scoped CR. */
export const CLUSTER_SCOPE = '_';

/** Parses a location hash into a route; anything unrecognised is `{ type: 'not-found' }`. */
export function parseRoute(hash) {
  const path = String(hash ?? '').replace(/^#/, '').replace(/[?].*$/, '');
  const parts = path.split('/').filter((p) => p !== '');
  let segments;
  try {
    segments = parts.map(decodeURIComponent);
  } catch {
    return { type: 'not-found', path };
  }
  const [runtime, crdWord, crd, what, namespace, name, ...rest] = segments;
  if (segments.length === 0) return { type: 'overview' };
  if (crdWord !== 'crd' || !runtime || !crd) return { type: 'not-found', path };
  if (what === undefined) return { type: 'crd', runtime, crd };
  if (what === 'crs' && namespace === undefined) return { type: 'crs', runtime, crd };
  if (what === 'cr' && namespace && name && rest.length === 0) return { type: 'cr', runtime, crd, namespace, name };
  return { type: 'not-found', path };
}

/** The hash of a route (the inverse of parseRoute). */
export function hrefFor(route) {
  const seg = (s) => encodeURIComponent(s);
  switch (route.type) {
    case 'crd': return `#/${seg(route.runtime)}/crd/${seg(route.crd)}`;
    case 'crs': return `#/${seg(route.runtime)}/crd/${seg(route.crd)}/crs`;
    case 'cr': return `#/${seg(route.runtime)}/crd/${seg(route.crd)}/cr/${seg(route.namespace ?? CLUSTER_SCOPE)}/${seg(route.name)}`;
    default: return '#/';
  }
}

/** The Control Center API path that holds a route's data, or undefined for pages the snapshot covers. */
export function apiPathFor(route) {
  const seg = (s) => encodeURIComponent(s);
  const crd = `/api/runtimes/${seg(route.runtime)}/crds/${seg(route.crd)}`;
  switch (route.type) {
    case 'crd': return crd;
    case 'crs': return `${crd}/crs`;
    case 'cr': return `${crd}/crs/${seg(route.namespace)}/${seg(route.name)}`;
    default: return undefined;
  }
}

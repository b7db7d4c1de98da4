/**
 * The runtime route a Control Center detail route proxies to, built only from segments that are
 * what they claim (issue 12: `crds/../crs/../..` reached the runtime's `/` and `/events`). A CRD
 * key and a namespace are DNS-1123 labels, a CR name a DNS-1123 subdomain (what the API server
 * allows for custom resources); `_` stands for "no namespace". Anything else, `.` and `..`
 * included (however it was encoded on the way in), is refused with the segment it was.
 */
export type DetailPath = { readonly type: 'ok'; readonly path: string } | { readonly type: 'invalid'; readonly message: string };

/** Which runtime route: the CRD's info, its CR list, or one CR. */
export type DetailTarget =
  | { readonly type: 'crd'; readonly crd: string }
  | { readonly type: 'crs'; readonly crd: string }
  | { readonly type: 'cr'; readonly crd: string; readonly namespace: string; readonly name: string };

const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** `/katalog/{crd}`, `/katalog/{crd}/cr`, `/katalog/{crd}/cr/{namespace}/{name}` or `/katalog/{crd}/cr/{name}` (namespace `_`). */
export function runtimeDetailPath(target: DetailTarget): DetailPath {
  const crd = segment('CRD', target.crd, (s) => s.length <= 63 && LABEL.test(s), 'a CRD key of the Katalog (a DNS-1123 label)');
  if (crd !== undefined) return crd;
  if (target.type === 'crd') return { type: 'ok', path: `/katalog/${target.crd}` };
  if (target.type === 'crs') return { type: 'ok', path: `/katalog/${target.crd}/cr` };
  const ns = segment('namespace', target.namespace, (s) => s === '_' || (s.length <= 63 && LABEL.test(s)), 'a namespace (a DNS-1123 label), or _ for a cluster-scoped CR');
  if (ns !== undefined) return ns;
  const name = segment('name', target.name, (s) => s.length <= 253 && SUBDOMAIN.test(s), 'a CR name (a DNS-1123 subdomain)');
  if (name !== undefined) return name;
  return { type: 'ok', path: target.namespace === '_' ? `/katalog/${target.crd}/cr/${target.name}` : `/katalog/${target.crd}/cr/${target.namespace}/${target.name}` };
}

function segment(what: string, value: string, valid: (s: string) => boolean, want: string): DetailPath | undefined {
  if (valid(value)) return undefined;
  return { type: 'invalid', message: `${what} ${JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value)} is not ${want}` };
}

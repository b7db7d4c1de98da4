// `oci://HOST[:PORT]/REPOSITORY[:TAG][@DIGEST]`, with the grammar of the distribution project's
// reference package (the same one docker, oras and helm accept), and no implicit registry: a
// Katalog reference always names its host, as Helm's oci:// references do.

/** A parsed reference; at least one of `tag` and `digest` is set once `withDefaultTag` ran. */
export interface OciReference {
  /** `host` or `host:port` (`[::1]:5000` for IPv6). */
  readonly host: string;
  readonly repository: string;
  readonly tag?: string;
  /** `algorithm:hex`; when both are given the digest decides what is fetched. */
  readonly digest?: string;
}

/** A reference, or why the text is not one (message names the offending part; hint shows a fix). */
export type ReferenceResult =
  | { readonly type: 'ok'; readonly reference: OciReference }
  | { readonly type: 'error'; readonly message: string; readonly hint: string };

export const OCI_SCHEME = 'oci://';
const EXAMPLE = 'oci://registry.example.com/platform/katalog:1.0.0';
const DOMAIN_COMPONENT = /^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])$/;
const IPV6 = /^\[[a-fA-F0-9:]+\]$/;
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;
const MAX_NAME = 255;

/** True when `text` is meant as an OCI reference (`-f oci://...`). */
export function isOciReference(text: string): boolean {
  return text.startsWith(OCI_SCHEME);
}

/** Parses `oci://HOST/REPO[:TAG][@DIGEST]`; a reference with neither tag nor digest is accepted (see withDefaultTag). */
export function parseReference(text: string): ReferenceResult {
  const fail = (message: string, hint = `write it as ${EXAMPLE} or ...@sha256:<64 hex digits>`): ReferenceResult =>
    ({ type: 'error', message: `invalid OCI reference "${text}": ${message}`, hint });
  if (!text.startsWith(OCI_SCHEME)) {
    const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text)?.[1];
    return fail(scheme ? `scheme ${scheme}:// is not oci://` : 'it does not start with oci://', `write oci://${scheme ? text.slice(scheme.length + 3) : text}`);
  }
  const rest = text.slice(OCI_SCHEME.length);
  const slash = rest.indexOf('/');
  if (slash <= 0) return fail(slash === 0 ? 'the registry host is missing' : 'the repository is missing after the host');
  const host = rest.slice(0, slash);
  const hostProblem = checkHost(host);
  if (hostProblem) return fail(hostProblem);
  let remainder = rest.slice(slash + 1);
  let digest: string | undefined;
  const at = remainder.indexOf('@');
  if (at >= 0) {
    digest = remainder.slice(at + 1);
    remainder = remainder.slice(0, at);
    const digestProblem = checkDigest(digest);
    if (digestProblem) return fail(digestProblem);
  }
  let tag: string | undefined;
  const colon = remainder.lastIndexOf(':');
  if (colon >= 0 && !remainder.slice(colon).includes('/')) {
    tag = remainder.slice(colon + 1);
    remainder = remainder.slice(0, colon);
    if (!TAG.test(tag)) return fail(`tag "${tag}" is not valid (letters, digits, _ . -; at most 128; not starting with . or -)`);
  }
  if (remainder === '') return fail('the repository is missing after the host');
  if (remainder.length + host.length + 1 > MAX_NAME) return fail(`the name is longer than ${MAX_NAME} characters`);
  const bad = remainder.split('/').find((c) => !PATH_COMPONENT.test(c));
  if (bad !== undefined) {
    return fail(bad === '' ? 'the repository has an empty path component (//, or a trailing /)'
      : `repository component "${bad}" is not valid (lowercase letters and digits, separated by . _ __ or -)`);
  }
  return { type: 'ok', reference: { host, repository: remainder, ...(tag !== undefined ? { tag } : {}), ...(digest !== undefined ? { digest } : {}) } };
}

/** The reference with tag `latest` when it has neither tag nor digest (docker's and oras's default). */
export function withDefaultTag(ref: OciReference): OciReference {
  return ref.tag === undefined && ref.digest === undefined ? { ...ref, tag: 'latest' } : ref;
}

/** `oci://host/repo:tag@digest`, the text parseReference reads back. */
export function formatReference(ref: OciReference): string {
  return `${OCI_SCHEME}${ref.host}/${ref.repository}${ref.tag !== undefined ? `:${ref.tag}` : ''}${ref.digest !== undefined ? `@${ref.digest}` : ''}`;
}

/** The same repository pinned to `digest` (what a reproducible `-f` names). */
export function pinnedReference(ref: OciReference, digest: string): OciReference {
  return { host: ref.host, repository: ref.repository, digest };
}

/** True for localhost, 127.0.0.0/8 and [::1], with or without a port: hosts that may be spoken to in plain HTTP. */
export function isLoopbackHost(host: string): boolean {
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d+$/, '');
  return name === 'localhost' || name === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(name);
}

function checkHost(host: string): string | undefined {
  const portAt = host.startsWith('[') ? host.indexOf(']:') + 1 : host.lastIndexOf(':');
  const name = portAt > 0 ? host.slice(0, portAt) : host;
  const port = portAt > 0 ? host.slice(portAt + 1) : undefined;
  if (port !== undefined && (!/^\d{1,5}$/.test(port) || Number(port) > 65535 || Number(port) === 0)) return `port "${port}" of host "${host}" is not a port number`;
  if (IPV6.test(name)) return undefined;
  if (name.split('.').every((c) => DOMAIN_COMPONENT.test(c))) return undefined;
  return `host "${host}" is not a registry host name`;
}

function checkDigest(digest: string): string | undefined {
  if (!DIGEST.test(digest)) return `digest "${digest}" is not algorithm:hex`;
  const [algorithm, hex] = digest.split(':') as [string, string];
  if (algorithm === 'sha256' && !/^[a-f0-9]{64}$/.test(hex)) return `a sha256 digest has 64 lowercase hex digits, "${digest}" has ${hex.length}`;
  // sha256 is what every registry and client writes by default; lib verifies nothing else.
  if (algorithm !== 'sha256') return `digest algorithm "${algorithm}" is not supported (sha256 only)`;
  return undefined;
}

/** A request target's path as decoded segments, or the path that would not decode. */
export type SplitPath =
  | { readonly type: 'ok'; readonly segments: readonly string[] }
  | { readonly type: 'malformed'; readonly path: string };

/**
 * Splits a request target (`/katalog/web%73ites?x=1`) into percent-decoded path segments
 * (`['katalog', 'websites']`), dropping the query. Splitting before decoding keeps an encoded
 * `%2F` inside its segment, as fastify's router did. A target that is not a path (`*`, an
 * absolute URL) has no segments, so it matches no route.
 */
export function splitPath(url: string): SplitPath {
  const end = url.search(/[?#]/);
  const path = end === -1 ? url : url.slice(0, end);
  if (!path.startsWith('/')) return { type: 'ok', segments: [] };
  try {
    return { type: 'ok', segments: path.slice(1).split('/').map(decodeURIComponent) };
  } catch {
    // decodeURIComponent throws URIError on a truncated or invalid UTF-8 escape (`%E0%A4%A`).
    return { type: 'malformed', path };
  }
}

// The `WWW-Authenticate` header of a registry's 401 (RFC 7235 §4.1, distribution's token spec):
// which scheme to answer with and, for Bearer, where to get a token.

/** A challenge the client can answer; other schemes are reported by name. */
export type AuthChallenge =
  | { readonly scheme: 'basic'; readonly realm?: string }
  | { readonly scheme: 'bearer'; readonly realm: string; readonly service?: string; readonly scope?: string }
  | { readonly scheme: 'unsupported'; readonly name: string };

/** Parses the first challenge of the header; undefined when there is none. */
export function parseAuthChallenge(header: string | undefined): AuthChallenge | undefined {
  if (header === undefined) return undefined;
  const m = /^\s*([A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]*)\s*(.*)$/s.exec(header);
  if (!m) return undefined;
  const scheme = m[1]!.toLowerCase();
  const params = parseParams(m[2]!);
  if (scheme === 'basic') return { scheme, ...(params.realm !== undefined ? { realm: params.realm } : {}) };
  if (scheme === 'bearer') {
    if (params.realm === undefined) return { scheme: 'unsupported', name: 'Bearer without a realm' };
    return { scheme, realm: params.realm, ...(params.service !== undefined ? { service: params.service } : {}), ...(params.scope !== undefined ? { scope: params.scope } : {}) };
  }
  return { scheme: 'unsupported', name: m[1]! };
}

function parseParams(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /\s*([A-Za-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))\s*,?/gy;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const key = m[1]!.toLowerCase();
    if (!(key in out)) out[key] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3]!;
    if (re.lastIndex >= text.length) break;
  }
  return out;
}

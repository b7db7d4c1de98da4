// The runtime shows custom resources only to a caller the API server vouches for (issue 12), so
// the Control Center sends its ServiceAccount token. The kubelet rotates projected tokens (at 80%
// of their lifetime): the file is read again at most every minute, as client-go does, so a
// rotated token is used without a restart.
import { readFileSync } from 'node:fs';
import type { Clock } from '@orkestra/lib/ports';

/** Where the kubelet mounts a Pod's ServiceAccount token. */
export const IN_CLUSTER_TOKEN_FILE = '/var/run/secrets/kubernetes.io/serviceaccount/token';
/** How long a read token is reused before the file is read again. */
export const TOKEN_REREAD_MS = 60_000;

/** The current token, or undefined when the file is missing or empty (outside a cluster). */
export function bearerTokenFile(path: string, clock: Clock, read: (path: string) => string = (p) => readFileSync(p, 'utf8')): () => string | undefined {
  let cached: { token: string | undefined; atMs: number } | undefined;
  return () => {
    const now = clock.now();
    if (cached && now - cached.atMs < TOKEN_REREAD_MS) return cached.token;
    let token: string | undefined;
    try {
      token = read(path).trim() || undefined;
    } catch {
      token = undefined;
    }
    cached = { token, atMs: now };
    return token;
  };
}

/** A GET that can send headers and cap the body (getJson). */
export type HeaderGet<R> = (url: string, timeoutMs: number, options?: { readonly maxBytes?: number; readonly headers?: Readonly<Record<string, string>> }) => Promise<R>;

/**
 * `get` with `Authorization: Bearer <token>` on requests to the configured runtimes only: never to
 * a gateway endpoint that a runtime's answer names, which would hand our credential to whoever
 * controls that answer.
 */
export function withRuntimeToken<R>(runtimeUrls: readonly string[], token: () => string | undefined, get: HeaderGet<R>): HeaderGet<R> {
  return (url, timeoutMs, options = {}) => {
    const t = runtimeUrls.some((base) => url.startsWith(`${base}/`)) ? token() : undefined;
    return get(url, timeoutMs, t !== undefined ? { ...options, headers: { ...options.headers, authorization: `Bearer ${t}` } } : options);
  };
}

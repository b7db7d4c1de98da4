// What client-node's applyToHTTPSOptions adds to a request (TLS material, Authorization and
// impersonation headers), reused instead of recomputed per request: each call decodes the CA and
// client certificate again (or reads them from their files), builds an https.Agent nobody uses
// and, in cluster, reads the CA file: ~25-60 µs per request, ~5% of the runtime's CPU per CR.
import type { KubeConfig, User } from '@kubernetes/client-node';
import type { RequestOptions } from 'node:https';

/**
 * How long one application of `user`'s credentials may be reused (ms): for ever when they are
 * written in the kubeconfig (token, client certificate, basic auth); 10 s for a token file (the
 * in-cluster ServiceAccount token: client-node itself re-reads it only every 60 s, as client-go
 * does); never for exec plugins and other auth providers, which track expiry and refresh
 * themselves on every call.
 */
export function authReuseMs(user: User | null | undefined): number {
  if (!user) return Infinity;
  if (user.exec) return 0;
  if (user.authProvider) return (user.authProvider as { config?: { tokenFile?: unknown } }).config?.tokenFile ? 10_000 : 0;
  return Infinity;
}

/** Returns the applied options, fresh or reused as `authReuseMs` allows; `now` is a monotonic ms clock. */
export function authOptions(kubeConfig: KubeConfig, now: () => number = () => performance.now()): () => Promise<RequestOptions> {
  const reuseMs = authReuseMs(kubeConfig.getCurrentUser());
  let cached: { readonly at: number; readonly options: Promise<RequestOptions> } | undefined;
  const apply = async (): Promise<RequestOptions> => {
    const opts: RequestOptions = {};
    await kubeConfig.applyToHTTPSOptions(opts);
    return opts;
  };
  return () => {
    if (reuseMs === 0) return apply();
    const t = now();
    if (cached && t - cached.at < reuseMs) return cached.options;
    const options = apply();
    const entry = { at: t, options };
    cached = entry;
    // A failure (say, an unreadable token file) is not kept: the next request tries again.
    options.catch(() => { if (cached === entry) cached = undefined; });
    return options;
  };
}

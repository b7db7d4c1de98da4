// The HTTPS webhook server (adapters/webhook) with the gateway's two routes and its review budget:
// lib's answers become the HTTP replies, and the server's own refusals (budget, busy, too large)
// are answered by the same routes, so every answer goes through one place that logs and counts.
import { buildWebhookServer, type ClientAuth, type WebhookRoute, type WebhookServer } from '@orkestra/adapters/webhook';
import { ADMISSION_BUDGET, type AdmissionAnswer, type AdmissionBudget } from '@orkestra/lib/gateway';
import type { PemKeyPair } from '@orkestra/adapters/tls';
import type { Logger } from '@orkestra/lib/ports';
import type { AdmissionRoute } from './admission.ts';

/** A listening webhook server. */
export interface ServedWebhooks {
  readonly port: number;
  reload(pair: PemKeyPair): void;
  close(): Promise<void>;
}

/** What the webhook server needs. */
export interface WebhookServeOptions {
  readonly pair: PemKeyPair;
  readonly routes: Readonly<Record<string, AdmissionRoute>>;
  /** Issue 18: routes that answer as they are (/convert). */
  readonly rawRoutes?: Readonly<Record<string, WebhookRoute>>;
  readonly host: string;
  readonly port: number;
  readonly log: Logger;
  readonly budget?: AdmissionBudget;
  /** Require client certificates (the API server's, from its admission-control configuration). */
  readonly clientAuth?: ClientAuth;
  /** Per answered request: webhook name (path without `/`), HTTP status, seconds. */
  readonly observe?: (webhook: string, code: number, seconds: number) => void;
}

/** Builds the routes and listens; resolves with an error message if it cannot. */
export async function serveWebhooks(o: WebhookServeOptions): Promise<ServedWebhooks | { readonly error: string }> {
  const routes: Record<string, WebhookRoute> = {};
  for (const [path, route] of Object.entries(o.routes)) {
    routes[path] = {
      ...(route.wholeBody ? { wholeBody: true } : {}),
      answer: (body) => {
        const a = route.answer(body);
        return a instanceof Promise ? a.then(toReply) : toReply(a);
      },
      undecided: (uid, reason) => toReply(route.undecided(uid, reason)),
    };
  }
  Object.assign(routes, o.rawRoutes ?? {});
  const observe = o.observe;
  const server: WebhookServer = buildWebhookServer({
    cert: o.pair.certPem, key: o.pair.keyPem, routes, budget: o.budget ?? ADMISSION_BUDGET, log: o.log,
    ...(o.clientAuth ? { clientAuth: o.clientAuth } : {}),
    ...(observe ? { metrics: { observeRequest: (path, code, seconds) => { if (path !== 'other') observe(path.slice(1), code, seconds); } } } : {}),
  });
  let port: number;
  try {
    port = await server.listen(o.host, o.port);
  } catch (err) {
    await server.close().catch(() => undefined);
    return { error: `cannot listen on ${o.host}:${o.port} (webhooks): ${err instanceof Error ? err.message : String(err)}` };
  }
  return {
    port,
    reload: (pair) => server.reload({ cert: pair.certPem, key: pair.keyPem }),
    close: () => server.close(),
  };
}

function toReply(a: AdmissionAnswer): { status: number; body: string } {
  return { status: a.httpStatus, body: JSON.stringify(a.body) };
}

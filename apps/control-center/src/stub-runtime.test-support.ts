// A tiny runtime stand-in on node:http for the poller and proxy tests: each path answers what the
// test put in `routes` (status and JSON body, or a delay); every request is counted. The kube API
// server is not involved at this level; e2e/src/control-center-api.test.ts runs the real thing.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One canned answer; a function is called per request (to vary answers). */
export type StubAnswer = { readonly status?: number; readonly body?: unknown; readonly raw?: string; readonly delayMs?: number };

/** A listening stub. */
export interface StubRuntime {
  readonly url: string;
  readonly routes: Map<string, StubAnswer | (() => StubAnswer)>;
  /** Requests seen, by path. */
  readonly hits: Map<string, number>;
  /** Connection headers seen (keep-alive must be off). */
  readonly connectionHeaders: string[];
  close(): Promise<void>;
}

/** Starts a stub on 127.0.0.1 with a free port. */
export async function startStubRuntime(): Promise<StubRuntime> {
  const routes = new Map<string, StubAnswer | (() => StubAnswer)>();
  const hits = new Map<string, number>();
  const connectionHeaders: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    hits.set(path, (hits.get(path) ?? 0) + 1);
    connectionHeaders.push(String(req.headers.connection));
    const found = routes.get(path);
    const answer = typeof found === 'function' ? found() : found ?? { status: 404, body: { error: 'route-not-found', message: `no route GET ${path}`, isLeader: true } };
    const send = (): void => {
      if (res.destroyed) return;
      res.writeHead(answer.status ?? 200, { 'content-type': 'application/json' });
      res.end(answer.raw ?? JSON.stringify(answer.body ?? {}));
    };
    if (answer.delayMs) setTimeout(send, answer.delayMs).unref();
    else send();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref();
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`, routes, hits, connectionHeaders,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** A runtime `/katalog` body with one Website CRD. */
export function katalogBody(isLeader: boolean, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'starter', version: '1.0.0', runtimeVersion: '0.1.0', isLeader, ready: true, healthy: true, status: 'healthy', total: 1, totalEnabled: 1,
    crds: [{ name: 'website', group: 'demo.orkestra.io', version: 'v1alpha1', kind: 'Website', plural: 'websites', namespaced: true, enabled: true, state: 'healthy', resourceCount: 1, queueDepth: 0, totalReconciles: 3, errorRate: 0, workers: 2 }],
    ...over,
  };
}

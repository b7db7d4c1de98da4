// Plain node:http rather than fastify: nine GET routes need no router, schema compiler or logger,
// and fastify with ajv, pino and find-my-way cost ~10 MB of the runtime's idle RSS (DESIGN §6).
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Metrics } from '@orkestra/lib/ports';
import { answerGuardedCrRoute, type CrAccess } from './cr-access.ts';
import { answerKatalogRoute } from './katalog-routes.ts';
import { matchRoute } from './match-route.ts';
import { answerProbeRoute } from './probe-routes.ts';
import { errorReply } from './reply.ts';
import type { Reply } from './reply.ts';
import type { RuntimeView } from './runtime-view-contract.ts';
import { splitPath } from './split-path.ts';

/** Where the server reports what it could not answer; nothing else is logged per request. */
export interface HttpLogger {
  /** A route threw and the client got a 500. */
  requestFailed(err: unknown, request: { readonly method: string; readonly url: string }): void;
}

/** Options of buildRuntimeServer. */
export interface RuntimeServerOptions {
  readonly view: RuntimeView;
  readonly metrics: Metrics;
  /** `SRV_READ_TIMEOUT` in ms: the whole request must arrive within it (0 disables). */
  readonly readTimeoutMs: number;
  /** `SRV_WRITE_TIMEOUT` in ms: a connection idle this long is closed (0 disables). */
  readonly writeTimeoutMs: number;
  /** Without one the server logs nothing. */
  readonly logger?: HttpLogger;
  /**
   * Checks callers of the routes that return CRs (list, detail, Events). The runtime always passes
   * one (issue 12); without it those routes are open, which only route tests rely on.
   */
  readonly access?: CrAccess;
}

/** The runtime's HTTP API, built but not listening. */
export interface RuntimeServer {
  /** The Node server, for its address and timeouts. */
  readonly server: Server;
  /** Listens on `host:port` (0: a free port); rejects with the listen error (EADDRINUSE, ...). */
  listen(at: { readonly port: number; readonly host: string }): Promise<AddressInfo>;
  /** Stops accepting, closes idle keep-alive connections, resolves once in-flight requests end. */
  close(): Promise<void>;
}

// fastify's default, kept: longer than the idle timeout of common load balancers and scrapers,
// so they never reuse a connection the server is closing.
const KEEP_ALIVE_TIMEOUT_MS = 72_000;

/** Builds the runtime's HTTP API on :8080 (DESIGN §6): GET and HEAD only, JSON bodies. */
export function buildRuntimeServer(options: RuntimeServerOptions): RuntimeServer {
  const { view, metrics, logger } = options;

  const answer = async (method: string, url: string, authorization: string | undefined): Promise<Reply> => {
    const path = splitPath(url);
    if (path.type === 'malformed') return errorReply(400, 'bad-request', `'${path.path}' is not a valid url component`, view.isLeader());
    const route = matchRoute(path.segments);
    if (!route) return errorReply(404, 'route-not-found', `no route ${method} ${url}`, view.isLeader());
    if (method !== 'GET' && method !== 'HEAD') {
      const reply = errorReply(405, 'method-not-allowed', `${method} is not allowed on ${url}: use GET or HEAD`, view.isLeader());
      return { ...reply, headers: { allow: 'GET, HEAD' } };
    }
    switch (route.type) {
      case 'health': case 'live': case 'ready': case 'metrics':
        return answerProbeRoute(route, view, metrics);
      case 'cr-list': case 'cr': case 'cr-events':
        return options.access ? answerGuardedCrRoute(route, view, options.access, authorization) : answerKatalogRoute(route, view);
      default:
        return answerKatalogRoute(route, view);
    }
  };

  const respond = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    let reply: Reply;
    try {
      reply = await answer(method, url, req.headers.authorization);
    } catch (err) {
      logger?.requestFailed(err, { method, url });
      reply = errorReply(500, 'internal', err instanceof Error ? err.message : String(err), view.isLeader());
    }
    // Node drops the body of a HEAD response itself, keeping the headers (content-length included).
    res.writeHead(reply.status, { ...reply.headers, 'content-type': reply.contentType, 'content-length': Buffer.byteLength(reply.body) });
    res.end(reply.body);
  };

  // Go's ReadTimeout bounds reading the whole request, which is Node's requestTimeout; Node has no
  // WriteTimeout, and the socket inactivity timeout is the nearest bound on a stuck response.
  // Set as properties after creation, as fastify did: passing requestTimeout to createServer would
  // also shrink headersTimeout to it, and 0 there would disable the header deadline.
  const server = createServer((req, res) => {
    // Only a throwing logger or a write on a dead socket gets here; drop the connection, never the process.
    respond(req, res).catch(() => res.destroy());
  });
  server.requestTimeout = options.readTimeoutMs;
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.setTimeout(options.writeTimeoutMs);

  return {
    server,
    listen: ({ port, host }) => new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve(server.address() as AddressInfo);
      });
    }),
    close: () => new Promise((resolve, reject) => {
      if (!server.listening) return resolve();
      server.close((err) => (err ? reject(err) : resolve()));
      server.closeIdleConnections();
    }),
  };
}

// The Control Center's HTTP server (API.md): the UI under /controlcenter, the read-only JSON API,
// Server-Sent Events, probes and metrics, with the security headers on every response.
import Fastify, { LogController, type FastifyInstance, type FastifyReply } from 'fastify';
import { fastifyLogger } from '@orkestra/adapters/process';
import { hostAllowed, type Snapshot } from '@orkestra/lib/control-center';
import type { Logger } from '@orkestra/lib/ports';
import type { ControlCenterMetrics } from './cc-metrics.ts';
import { crdDetail, crDetail, crList, type DetailReply, type DetailSource } from './runtime-details.ts';
import type { SseHub } from './sse-hub.ts';
import { readStaticFile, safeSegments } from './static-files.ts';

/** Sent with every response, the event stream included. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/** What the server reads and serves. */
export interface ServerDeps extends DetailSource {
  /** Completed poll passes: /readyz is 200 from the first on. */
  passes(): number;
  readonly hub: SseHub;
  readonly metrics: ControlCenterMetrics;
  /** The UI's directory (public/). */
  readonly publicDir: URL;
  readonly log: Logger;
  /** The current snapshot as JSON bytes and as an SSE frame, rendered once per pass (PublishedSnapshot). */
  snapshotJson(): Buffer;
  snapshotFrame(): Buffer;
  /** Names the Host header must carry (lib effectiveAllowedHosts); undefined: not checked. */
  readonly allowedHosts?: readonly string[];
}

/**
 * Paths served whatever the Host header: probes and scrapes come by Pod IP (the kubelet and
 * Prometheus put the IP in Host), and nothing on them is worth a DNS-rebinding attack.
 */
const ANY_HOST = new Set(['/livez', '/readyz', '/health', '/metrics']);

/** Builds the fastify app (not listening). */
export function buildServer(deps: ServerDeps): FastifyInstance {
  const app = Fastify({
    loggerInstance: fastifyLogger(deps.log),
    logController: new LogController({ disableRequestLogging: true }),
    requestTimeout: 15_000,
    // A request for /controlcenter/assets/x must not be redirected or rewritten on the way.
    routerOptions: { ignoreTrailingSlash: false, ignoreDuplicateSlashes: false },
  });
  const allowed = deps.allowedHosts;
  app.addHook('onRequest', async (request, reply) => {
    reply.headers(SECURITY_HEADERS);
    // Issue 12: a page elsewhere that resolves its own name to this server (DNS rebinding) sends
    // its own name as Host; refusing unknown names keeps the UI and API for the names we serve.
    if (allowed !== undefined && !ANY_HOST.has(request.url.split('?')[0] ?? '') && !hostAllowed(request.headers.host, allowed)) {
      deps.log.warn('request refused: Host not allowed', { host: (request.headers.host ?? '').slice(0, 200), url: request.url.slice(0, 200) });
      return reply.code(403).send({ error: `host ${JSON.stringify(request.headers.host ?? '')} is not served here`, hint: `allowed hosts: ${allowed.join(', ')}; add names with --allowed-hosts or ALLOWED_HOSTS` });
    }
    return undefined;
  });
  app.setNotFoundHandler(async (request, reply) => reply.code(404).send({ error: `no route ${request.method} ${request.url.split('?')[0]}`, hint: 'the API is read-only: GET /api/snapshot, /api/events, /api/runtimes/{id}/crds/{crd}[/crs[/{namespace}/{name}]]' }));
  app.setErrorHandler(async (err, _request, reply) => {
    deps.log.error('request failed', { err: err instanceof Error ? err.message : String(err) });
    return reply.code(500).send({ error: 'internal error' });
  });

  app.get('/', async (_request, reply) => reply.redirect('/controlcenter', 302));

  // The UI: /controlcenter is the page; a path with a file extension is a file of public/; any
  // other path under it is a page of the single-page app (deep links reload to index.html).
  // Returns whether it sent the file (a FastifyReply is thenable, so it is never returned from here).
  const sendFile = async (reply: FastifyReply, ifNoneMatch: string | undefined, segments: readonly string[]): Promise<boolean> => {
    const file = await readStaticFile(deps.publicDir, segments);
    if (!file) return false;
    reply.header('cache-control', 'no-cache').header('etag', file.etag);
    if (ifNoneMatch === file.etag) reply.code(304).send();
    else reply.type(file.contentType).send(file.body);
    return true;
  };
  app.get('/controlcenter', async (request, reply) => {
    if (!(await sendFile(reply, request.headers['if-none-match'], ['index.html']))) reply.code(404).send({ error: 'the UI is not installed (public/index.html is missing)' });
    return reply;
  });
  app.get('/controlcenter/*', async (request, reply) => {
    // The raw path, decoded once by safeSegments (fastify's decoded param would be decoded twice).
    const rest = (request.url.split('?')[0] ?? '').slice('/controlcenter/'.length);
    const segments = safeSegments(rest);
    const last = segments?.at(-1) ?? '';
    const wanted = segments === undefined ? undefined : segments.length === 0 || !last.includes('.') ? ['index.html'] : segments;
    if (wanted === undefined || !(await sendFile(reply, request.headers['if-none-match'], wanted))) reply.code(404).send({ error: `no such file: ${rest}` });
    return reply;
  });

  // The JSON API.
  // The same bytes for every request until the next pass (issue 12: a 16 MiB runtime answer was serialised per request).
  app.get('/api/snapshot', async (_request, reply) => reply.type('application/json; charset=utf-8').send(deps.snapshotJson()));
  // No HEAD twin: a HEAD would open a stream that never ends.
  app.get('/api/events', { exposeHeadRoute: false }, (request, reply) => {
    reply.hijack();
    deps.hub.open(reply.raw, SECURITY_HEADERS, deps.snapshotFrame());
    request.raw.on('error', () => reply.raw.destroy());
  });
  const send = (reply: FastifyReply, r: DetailReply) => reply.code(r.status).send(r.body);
  type P = { id: string; crd: string; namespace: string; name: string };
  app.get<{ Params: P }>('/api/runtimes/:id/crds/:crd', async (request, reply) => send(reply, await crdDetail(deps, request.params.id, request.params.crd)));
  app.get<{ Params: P }>('/api/runtimes/:id/crds/:crd/crs', async (request, reply) => send(reply, await crList(deps, request.params.id, request.params.crd)));
  app.get<{ Params: P }>('/api/runtimes/:id/crds/:crd/crs/:namespace/:name', async (request, reply) => {
    const { id, crd, namespace, name } = request.params;
    return send(reply, await crDetail(deps, id, crd, namespace, name));
  });

  // Probes and metrics: the Control Center is a monitor, healthy while its runtimes are not.
  app.get('/livez', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const ready = deps.passes() > 0;
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ok' : 'not ready', passes: deps.passes() });
  });
  app.get('/health', async () => healthBody(deps.snapshot(), deps.passes()));
  app.get('/metrics', async (_request, reply) => reply.header('content-type', deps.metrics.contentType).send(await deps.metrics.metrics()));
  return app;
}

/** `/health`: `healthy` once a pass completed (`pending` before), with runtime counts. */
export function healthBody(snapshot: Snapshot, passes: number): { status: 'healthy' | 'pending'; runtimes: number; online: number } {
  return { status: passes > 0 ? 'healthy' : 'pending', runtimes: snapshot.stats.totalRuntimes, online: snapshot.stats.onlineRuntimes };
}

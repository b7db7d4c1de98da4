// The gateway's HTTP API (DESIGN §7): /health, /livez, /readyz, /metrics, /katalog on a small
// fastify server; the runtime's server (apps/runtime/src/http) is built around its controllers.
import type { AddressInfo } from 'node:net';
import Fastify, { LogController } from 'fastify';
import { fastifyLogger } from '@orkestra/adapters/process';
import type { GatewayMetrics } from './gateway-metrics.ts';
import type { Logger } from '@orkestra/lib/ports';

/** What the HTTP API serves. */
export interface HttpSource {
  readonly metrics: GatewayMetrics;
  readonly katalog: () => Record<string, unknown>;
  /** Ready once certificates are loaded and the webhook configurations applied. */
  readonly readiness: () => { readonly ready: boolean; readonly checks: Readonly<Record<string, boolean>> };
}

/** A listening HTTP API. */
export interface HttpApi {
  readonly port: number;
  close(): Promise<void>;
}

/** Builds the routes and listens on host:port; resolves with an error message if it cannot. */
export async function serveHttp(source: HttpSource, host: string, port: number, log: Logger): Promise<HttpApi | { readonly error: string }> {
  const app = Fastify({ loggerInstance: fastifyLogger(log), logController: new LogController({ disableRequestLogging: true }), requestTimeout: 15_000 });
  app.get('/livez', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const r = source.readiness();
    return reply.code(r.ready ? 200 : 503).send({ status: r.ready ? 'ok' : 'not ready', checks: r.checks });
  });
  app.get('/health', async (_request, reply) => {
    const r = source.readiness();
    return reply.code(200).send({ status: r.ready ? 'healthy' : 'pending', component: 'gateway', checks: r.checks });
  });
  app.get('/metrics', async (_request, reply) => reply.header('content-type', source.metrics.contentType).send(await source.metrics.metrics()));
  app.get('/katalog', async () => source.katalog());
  try {
    await app.listen({ host, port });
  } catch (err) {
    return { error: `cannot listen on ${host}:${port}: ${err instanceof Error ? err.message : String(err)}` };
  }
  return { port: (app.server.address() as AddressInfo).port, close: () => app.close() };
}

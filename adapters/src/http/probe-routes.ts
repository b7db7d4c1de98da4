import type { FastifyInstance } from 'fastify';
import type { HealthResponse, ProbeResponse } from './responses.ts';
import type { RuntimeView } from './runtime-view.ts';
import { overallHealth } from './overall-health.ts';

/** What `/metrics` serves; a prom-client Registry and RuntimeMetrics both fit. */
export interface MetricsSource {
  readonly contentType: string;
  metrics(): Promise<string>;
}

/** Registers `/health`, `/livez`, `/healthz`, `/readyz` and `/metrics`. */
export function registerProbeRoutes(app: FastifyInstance, view: RuntimeView, metrics: MetricsSource): void {
  app.get('/health', async (_request, reply) => {
    const { crds } = view.health();
    const ready = view.ready();
    const { status, httpStatus } = overallHealth(crds.map((c) => c.state), ready);
    const body: HealthResponse = { status, ready, isLeader: view.isLeader(), crds };
    return reply.code(httpStatus).send(body);
  });

  // Liveness only proves the event loop answers: it must never call the API server or look at
  // CRD health, or a cluster hiccup would get every replica restarted.
  const live = async (): Promise<ProbeResponse> => ({ status: 'ok', isLeader: view.isLeader() });
  app.get('/livez', live);
  app.get('/healthz', live);

  // Readiness is caches + Katalog, never leadership: followers must stay in the Service so a
  // failover does not leave the API without endpoints.
  app.get('/readyz', async (_request, reply) => {
    const ready = view.ready();
    const body: ProbeResponse = { status: ready ? 'ok' : 'not-ready', isLeader: view.isLeader() };
    return reply.code(ready ? 200 : 503).send(body);
  });

  app.get('/metrics', async (_request, reply) => {
    const text = await metrics.metrics();
    return reply.type(metrics.contentType).send(text);
  });
}

import type { Metrics } from '@orkestra/lib/ports';
import type { HealthResponse, ProbeResponse } from './responses.ts';
import type { ProbeRoute } from './match-route.ts';
import type { RuntimeView } from './runtime-view-contract.ts';
import { overallHealth } from './overall-health.ts';
import { jsonReply } from './reply.ts';
import type { Reply } from './reply.ts';


/** Answers `/health`, `/livez`, `/healthz`, `/readyz` and `/metrics`. */
export async function answerProbeRoute(route: ProbeRoute, view: RuntimeView, metrics: Metrics): Promise<Reply> {
  switch (route.type) {
    case 'health': {
      const { crds } = view.health();
      const ready = view.ready();
      const source = view.source?.();
      // No Katalog loaded and the last try failed (registry down, credentials refused): nothing runs.
      const { status, httpStatus } = source !== undefined && source.digest === undefined && source.lastError !== undefined
        ? { status: 'degraded' as const, httpStatus: 503 as const } : overallHealth(crds.map((c) => c.state), ready);
      const body: HealthResponse = { status, ready, isLeader: view.isLeader(), crds, ...(source !== undefined ? { source } : {}) };
      return jsonReply(httpStatus, body);
    }
    case 'live': {
      // Liveness only proves the event loop answers: it must never call the API server or look at
      // CRD health, or a cluster hiccup would get every replica restarted.
      const body: ProbeResponse = { status: 'ok', isLeader: view.isLeader() };
      return jsonReply(200, body);
    }
    case 'ready': {
      // Readiness is caches + Katalog, never leadership: followers must stay in the Service so a
      // failover does not leave the API without endpoints.
      const ready = view.ready();
      const body: ProbeResponse = { status: ready ? 'ok' : 'not-ready', isLeader: view.isLeader() };
      return jsonReply(ready ? 200 : 503, body);
    }
    case 'metrics':
      return { status: 200, contentType: metrics.contentType, body: await metrics.metrics() };
  }
}

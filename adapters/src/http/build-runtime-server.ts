import Fastify, { LogController } from 'fastify';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { registerKatalogRoutes } from './katalog-routes.ts';
import { registerProbeRoutes } from './probe-routes.ts';
import type { MetricsSource } from './probe-routes.ts';
import type { RuntimeView } from './runtime-view.ts';
import { sendError } from './send-error.ts';

/** Options of buildRuntimeServer. */
export interface RuntimeServerOptions {
  readonly view: RuntimeView;
  readonly metrics: MetricsSource;
  /** `SRV_READ_TIMEOUT` in ms: the whole request must arrive within it (0 disables). */
  readonly readTimeoutMs: number;
  /** `SRV_WRITE_TIMEOUT` in ms: a connection idle this long is closed (0 disables). */
  readonly writeTimeoutMs: number;
  /** A pino-compatible logger; without one the server logs nothing. */
  readonly logger?: FastifyBaseLogger;
}

/** Builds the runtime's HTTP API on :8080 (routes registered, not listening: `listen` is the caller's job). */
export function buildRuntimeServer(options: RuntimeServerOptions): FastifyInstance {
  const { view, metrics } = options;
  const app = Fastify({
    // A malformed URL never reaches setErrorHandler; without this it would get Fastify's own body.
    frameworkErrors: (error, _request, reply) => {
      void sendError(reply, 400, 'bad-request', error.message, view.isLeader());
    },
    // Go's ReadTimeout bounds reading the whole request, which is Node's requestTimeout; Node has
    // no WriteTimeout, and the socket inactivity timeout is the nearest bound on a stuck response.
    requestTimeout: options.readTimeoutMs,
    connectionTimeout: options.writeTimeoutMs,
    // Probes and scrapes arrive every few seconds from several sources; per-request lines would
    // drown the reconcile logs.
    logController: new LogController({ disableRequestLogging: true }),
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
  });

  app.setNotFoundHandler((request, reply) => {
    void sendError(reply, 404, 'route-not-found', `no route ${request.method} ${request.url}`, view.isLeader());
  });
  app.setErrorHandler((error, request, reply) => {
    const message = error instanceof Error ? error.message : String(error);
    // Fastify's own 4xx (an unsupported content type, say) keep their status; anything else is ours.
    const status = typeof error === 'object' && error !== null && 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (status >= 400 && status < 500) {
      void sendError(reply, status, 'bad-request', message, view.isLeader());
    } else {
      request.log.error({ err: error }, 'request failed');
      void sendError(reply, 500, 'internal', message, view.isLeader());
    }
  });

  registerProbeRoutes(app, view, metrics);
  registerKatalogRoutes(app, view);
  return app;
}

import type { Server as HttpsServer } from 'node:https';
import Fastify, { LogController } from 'fastify';
import type { FastifyBaseLogger, FastifyError, FastifyInstance, FastifyReply } from 'fastify';

/** Decides one AdmissionReview: gets the parsed JSON body, returns the JSON to send back. */
export type AdmissionHandler = (review: unknown) => Promise<unknown> | unknown;

/** Called once per answered webhook request; the gateway feeds controller-runtime's webhook metrics from it. */
export interface WebhookMetricsHooks {
  /** `webhook` is the route path, `latencySeconds` the time from request start to response sent. */
  observeRequest(webhook: string, statusCode: number, latencySeconds: number): void;
}

/** A serving certificate (chain allowed) and its private key, PEM. */
export interface ServingKeyPair {
  readonly cert: string;
  readonly key: string;
}

/** Options of buildWebhookServer. */
export interface WebhookServerOptions extends ServingKeyPair {
  /** Route path (e.g. `/validate/deletion-protection`) → handler; each answers POST only. */
  readonly handlers: Readonly<Record<string, AdmissionHandler>>;
  /** Largest accepted body; bigger ones get 413. An UPDATE review carries object and oldObject, each up to etcd's 1.5 MiB. */
  readonly bodyLimitBytes: number;
  /** Idle keep-alive connections are closed after this; default 120 s (see below). */
  readonly keepAliveTimeoutMs?: number;
  /** The whole request must arrive within this; default 10 s (the API server gives up after timeoutSeconds ≤ 30 anyway). */
  readonly requestTimeoutMs?: number;
  /** A pino-compatible logger; without one the server logs nothing. */
  readonly logger?: FastifyBaseLogger;
  readonly metrics?: WebhookMetricsHooks;
}

/** The webhook server: fastify over HTTPS, plus an in-place certificate swap. */
export interface WebhookServer {
  /** Routes registered, not listening: `listen` and `close` are the caller's. */
  readonly app: FastifyInstance<HttpsServer>;
  /**
   * Serves `pair` to every new TLS handshake from now on; open connections keep the session they
   * negotiated. Throws (and keeps the old certificate) if the pair is unusable, e.g. key and cert differ.
   */
  reload(pair: ServingKeyPair): void;
}

// The API server's webhook client is Go's http.Transport (idle timeout 90 s by default). A server
// that drops idle connections first races the client reusing them; staying open longer leaves
// closing to the client.
const DEFAULT_KEEP_ALIVE_TIMEOUT_MS = 120_000;
const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
const MIN_TLS_VERSION = 'TLSv1.2';

/** Builds the admission webhook server (strict JSON bodies, body limit, HTTP/1.1 keep-alive, TLS ≥ 1.2). */
export function buildWebhookServer(options: WebhookServerOptions): WebhookServer {
  const app = Fastify({
    https: { cert: options.cert, key: options.key, minVersion: MIN_TLS_VERSION },
    bodyLimit: options.bodyLimitBytes,
    keepAliveTimeout: options.keepAliveTimeoutMs ?? DEFAULT_KEEP_ALIVE_TIMEOUT_MS,
    requestTimeout: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    // A malformed URL never reaches setErrorHandler.
    frameworkErrors: (error, request, reply) => {
      request.log.warn({ err: error, url: request.url }, 'rejected webhook request');
      void sendError(reply, 400, 'bad-request', error.message);
    },
    // At thousands of reviews a second, per-request lines would cost more than the decisions.
    logController: new LogController({ disableRequestLogging: true }),
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
  });

  // Only application/json (any parameters, e.g. charset): fastify's text/plain parser would
  // otherwise hand handlers a string; every other type gets 415.
  app.removeContentTypeParser('text/plain');

  const paths = new Set(Object.keys(options.handlers));
  const { metrics } = options;
  if (metrics) {
    app.addHook('onResponse', (request, reply, done) => {
      const path = request.routeOptions.url;
      if (path !== undefined && paths.has(path)) metrics.observeRequest(path, reply.statusCode, reply.elapsedTime / 1000);
      done();
    });
  }

  app.setNotFoundHandler((request, reply) => {
    void sendError(reply, 404, 'route-not-found', `no webhook at ${request.method} ${request.url}`);
  });
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (status >= 400 && status < 500) {
      // Malformed JSON, too large, wrong type: the caller's fault, but worth a line, since the
      // API server only says "failed calling webhook" and this log is where the reason is.
      request.log.warn({ code: error.code, statusCode: status, url: request.url, message: error.message }, 'rejected admission review body');
      void sendError(reply, status, status === 413 ? 'body-too-large' : status === 415 ? 'unsupported-media-type' : 'bad-request', error.message);
    } else {
      request.log.error({ err: error, url: request.url }, 'admission handler failed');
      void sendError(reply, 500, 'internal', 'the admission handler failed');
    }
  });

  for (const [path, handler] of Object.entries(options.handlers)) {
    app.post(path, async (request, reply) => {
      const result = await handler(request.body);
      if (result === undefined) throw new Error(`the handler for ${path} returned nothing`);
      return reply.code(200).header('content-type', 'application/json; charset=utf-8').send(result);
    });
  }

  return {
    app,
    reload(pair) {
      // setSecureContext replaces the whole context: options not repeated here fall back to defaults.
      app.server.setSecureContext({ cert: pair.cert, key: pair.key, minVersion: MIN_TLS_VERSION });
    },
  };
}

/** Error codes of webhook error bodies. */
export type WebhookErrorCode = 'bad-request' | 'body-too-large' | 'unsupported-media-type' | 'route-not-found' | 'internal';

function sendError(reply: FastifyReply, statusCode: number, error: WebhookErrorCode, message: string): FastifyReply {
  return reply.code(statusCode).send({ error, message });
}

// The HTTPS webhook server (adapters/webhook) with the gateway's two routes. Bodies are read as
// text so lib's answerAdmissionReview sees exactly what came: malformed JSON and schema problems
// both get its 400 answer and one log line, never a crash.
import type { AddressInfo } from 'node:net';
import { buildWebhookServer, type WebhookServer } from '@orkestra/adapters/webhook';
import { MAX_ADMISSION_REVIEW_BYTES, type AdmissionAnswer } from '@orkestra/lib/gateway';
import type { Logger } from '@orkestra/lib/ports';
import type { PemKeyPair } from '@orkestra/adapters/tls';
import { fastifyLogger } from '@orkestra/adapters/process';

/** A listening webhook server. */
export interface ServedWebhooks {
  readonly port: number;
  reload(pair: PemKeyPair): void;
  close(): Promise<void>;
}

/** What the webhook server needs. */
export interface WebhookServeOptions {
  readonly pair: PemKeyPair;
  readonly handlers: Readonly<Record<string, (text: string) => AdmissionAnswer>>;
  readonly host: string;
  readonly port: number;
  readonly log: Logger;
  /** Per answered request: webhook name (path without `/`), HTTP status, seconds. */
  readonly observe?: (webhook: string, code: number, seconds: number) => void;
}

/** Builds the routes and listens; resolves with an error message if it cannot. */
export async function serveWebhooks(o: WebhookServeOptions): Promise<ServedWebhooks | { readonly error: string }> {
  const server: WebhookServer = buildWebhookServer({
    cert: o.pair.certPem, key: o.pair.keyPem, handlers: {}, bodyLimitBytes: MAX_ADMISSION_REVIEW_BYTES, logger: fastifyLogger(o.log),
  });
  const app = server.app;
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  const paths = new Set(Object.keys(o.handlers));
  if (o.observe) {
    const observe = o.observe;
    app.addHook('onResponse', (request, reply, done) => {
      const path = request.routeOptions.url;
      if (path !== undefined && paths.has(path)) observe(path.slice(1), reply.statusCode, reply.elapsedTime / 1000);
      done();
    });
  }
  for (const [path, handle] of Object.entries(o.handlers)) {
    app.post(path, async (request, reply) => {
      const answer = handle(typeof request.body === 'string' ? request.body : '');
      return reply.code(answer.httpStatus).header('content-type', 'application/json; charset=utf-8').send(JSON.stringify(answer.body));
    });
  }
  try {
    await app.listen({ host: o.host, port: o.port });
  } catch (err) {
    return { error: `cannot listen on ${o.host}:${o.port} (webhooks): ${err instanceof Error ? err.message : String(err)}` };
  }
  return {
    port: (app.server.address() as AddressInfo).port,
    reload: (pair) => server.reload({ cert: pair.certPem, key: pair.keyPem }),
    close: () => app.close(),
  };
}

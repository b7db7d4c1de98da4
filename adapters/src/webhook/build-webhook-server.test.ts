import { Agent } from 'node:https';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readCertificate } from '../tls/index.ts';
import type { PemKeyPair } from '../tls/index.ts';
import { buildWebhookServer } from './build-webhook-server.ts';
import type { WebhookServer, WebhookServerOptions } from './build-webhook-server.ts';
import { captureLogger, listen, peerFingerprint, post, servingPair } from './webhook-client.test-support.ts';
import type { LogLine } from './webhook-client.test-support.ts';

interface Context {
  pki: { ca: PemKeyPair; leaf: PemKeyPair };
  server: WebhookServer;
  port: number;
  agent: Agent;
  logs: LogLine[];
  observed: [string, number, number][];
  reviews: unknown[];
}

const test = suite<Context>('webhook server');
const reviewPath = '/validate/deletion-protection';

function allowAll(this: void, review: unknown): unknown {
  const uid = (review as { request?: { uid?: string } }).request?.uid;
  return { apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', response: { uid, allowed: true } };
}

async function start(context: Context, over: Partial<WebhookServerOptions> = {}): Promise<void> {
  context.logs = [];
  context.observed = [];
  context.reviews = [];
  context.server = buildWebhookServer({
    cert: context.pki.leaf.certPem,
    key: context.pki.leaf.keyPem,
    bodyLimitBytes: 64 * 1024,
    handlers: {
      [reviewPath]: (review) => { context.reviews.push(review); return allowAll(review); },
      '/validate/broken': () => { throw new Error('decision exploded'); },
      '/validate/empty': () => undefined,
    },
    logger: captureLogger(context.logs),
    metrics: { observeRequest: (webhook, code, seconds) => { context.observed.push([webhook, code, seconds]); } },
    ...over,
  });
  context.port = await listen(context.server);
  context.agent = new Agent({ keepAlive: true, maxSockets: 1, ca: context.pki.ca.certPem });
}

test.before(async (context) => { context.pki = await servingPair(); });
test.before.each(async (context) => { await start(context); });
test.after.each(async (context) => {
  context.agent.destroy();
  await context.server.app.close();
});

const review = JSON.stringify({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', request: { uid: 'u-1', operation: 'DELETE' } });

test('a valid review reaches the handler and its result comes back as JSON over TLS ≥ 1.2', async (context) => {
  const answer = await post(context.agent, context.port, reviewPath, review);
  assert.is(answer.status, 200);
  assert.equal(JSON.parse(answer.body), { apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', response: { uid: 'u-1', allowed: true } });
  assert.equal(context.reviews, [JSON.parse(review)]);
  assert.is(answer.socket.getProtocol(), 'TLSv1.3');
  // charset and other parameters are fine; the type itself is what is strict.
  assert.is((await post(context.agent, context.port, reviewPath, review, 'application/json; charset=utf-8')).status, 200);
  assert.equal(context.observed.map(([webhook, code]) => [webhook, code]), [[reviewPath, 200], [reviewPath, 200]]);
  assert.ok(context.observed.every(([, , seconds]) => seconds > 0 && seconds < 5), 'latency in seconds');
});

test('requests reuse one keep-alive HTTP/1.1 connection', async (context) => {
  const sockets = new Set();
  for (let i = 0; i < 5; i++) sockets.add((await post(context.agent, context.port, reviewPath, review)).socket);
  assert.is(sockets.size, 1);
});

test('malformed JSON gets 400 and a log line, and the server keeps serving', async (context) => {
  for (const body of ['{"apiVersion":', 'not json', '{"__proto__":{"x":1}}']) {
    const answer = await post(context.agent, context.port, reviewPath, body);
    assert.is(answer.status, 400, body);
    assert.is(JSON.parse(answer.body).error, 'bad-request', body);
  }
  const warned = context.logs.filter((l) => l.level === 'warn' && l.message === 'rejected admission review body');
  assert.is(warned.length, 3);
  assert.is((warned[0]?.fields as { statusCode: number }).statusCode, 400);
  assert.is(context.reviews.length, 0, 'handler never saw them');
  assert.is((await post(context.agent, context.port, reviewPath, review)).status, 200);
  assert.equal(context.observed.map(([, code]) => code), [400, 400, 400, 200]);
});

test('an oversized body gets 413', async (context) => {
  const big = JSON.stringify({ request: { uid: 'u', object: { data: 'x'.repeat(70 * 1024) } } });
  const answer = await post(context.agent, context.port, reviewPath, big);
  assert.is(answer.status, 413);
  assert.is(JSON.parse(answer.body).error, 'body-too-large');
  assert.is(context.reviews.length, 0);
  assert.ok(context.logs.some((l) => l.level === 'warn' && (l.fields as { statusCode: number }).statusCode === 413));
});

test('any content type but application/json gets 415', async (context) => {
  for (const type of ['text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'application/jsonx']) {
    const answer = await post(context.agent, context.port, reviewPath, review, type);
    assert.is(answer.status, 415, type);
    assert.is(JSON.parse(answer.body).error, 'unsupported-media-type', type);
  }
  assert.is(context.reviews.length, 0);
});

test('a throwing or empty handler gets 500 with an error line; unknown paths 404', async (context) => {
  for (const path of ['/validate/broken', '/validate/empty']) {
    const answer = await post(context.agent, context.port, path, review);
    assert.is(answer.status, 500, path);
    assert.equal(JSON.parse(answer.body), { error: 'internal', message: 'the admission handler failed' });
  }
  assert.is(context.logs.filter((l) => l.level === 'error' && l.message === 'admission handler failed').length, 2);
  assert.is((await post(context.agent, context.port, '/validate/nope', review)).status, 404);
  assert.is((await post(context.agent, context.port, reviewPath, review)).status, 200);
});

test('reload serves the new certificate to new handshakes while a keep-alive loop sees no error', async (context) => {
  const before = readCertificate(context.pki.leaf.certPem).fingerprintSha256;
  const next = await servingPair();
  const after = readCertificate(next.leaf.certPem).fingerprintSha256;
  // The client trusts both CAs, as the API server does while caBundle holds the old and new CA.
  const bothCas = [context.pki.ca.certPem, next.ca.certPem];
  const agent = new Agent({ keepAlive: true, maxSockets: 1, ca: bothCas });
  assert.is((await peerFingerprint(context.port, bothCas)).fingerprint, before);

  const sockets = new Set();
  let firstSocket: unknown;
  let reusedAfterReload = 0;
  const errors: unknown[] = [];
  for (let i = 0; i < 200; i++) {
    if (i === 100) context.server.reload({ cert: next.leaf.certPem, key: next.leaf.keyPem });
    try {
      const answer = await post(agent, context.port, reviewPath, review);
      if (answer.status !== 200) errors.push(answer.status);
      firstSocket ??= answer.socket;
      sockets.add(answer.socket);
      if (i >= 100 && answer.socket === firstSocket) {
        reusedAfterReload++;
        assert.is(answer.socket.getPeerCertificate().fingerprint256, before, 'the open connection keeps its session');
      }
    } catch (error) {
      errors.push(error);
    }
  }
  agent.destroy();
  assert.equal(errors, []);
  assert.is(sockets.size, 1, 'one connection throughout');
  assert.is(reusedAfterReload, 100);
  assert.is((await peerFingerprint(context.port, bothCas)).fingerprint, after);
  // Only the new CA is now enough for a new connection, and only the old one is not.
  assert.is((await peerFingerprint(context.port, next.ca.certPem)).fingerprint, after);
  try {
    await peerFingerprint(context.port, context.pki.ca.certPem);
    assert.unreachable('old CA alone accepted the new certificate');
  } catch (error) {
    assert.match(String((error as Error).message), /certificate/i);
  }
});

test('reload with a key that does not match keeps the old certificate', async (context) => {
  const before = readCertificate(context.pki.leaf.certPem).fingerprintSha256;
  const next = await servingPair();
  assert.throws(() => context.server.reload({ cert: next.leaf.certPem, key: context.pki.leaf.keyPem }));
  assert.throws(() => context.server.reload({ cert: 'garbage', key: 'garbage' }));
  assert.is((await peerFingerprint(context.port, context.pki.ca.certPem)).fingerprint, before);
  assert.is((await post(context.agent, context.port, reviewPath, review)).status, 200);
});

test('a TLS 1.2-only client is served', async (context) => {
  const agent = new Agent({ keepAlive: false, ca: context.pki.ca.certPem, maxVersion: 'TLSv1.2' });
  const answer = await post(agent, context.port, reviewPath, review);
  assert.is(answer.status, 200);
  assert.is(answer.socket.getProtocol(), 'TLSv1.2');
  agent.destroy();
});

test.run();

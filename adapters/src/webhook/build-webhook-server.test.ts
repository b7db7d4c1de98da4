import { Agent } from 'node:https';
import { connect } from 'node:tls';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { AdmissionBudget } from '@orkestra/lib/gateway';
import { readCertificate } from '../tls/index.ts';
import type { PemKeyPair } from '../tls/index.ts';
import { buildWebhookServer } from './build-webhook-server.ts';
import type { ServerUndecided, WebhookRoute, WebhookServer, WebhookServerOptions } from './build-webhook-server.ts';
import type { ReviewBody, ReviewParser } from './review-parse-pool.ts';
import { captureLogger, listen, peerFingerprint, post, servingPair } from './webhook-client.test-support.ts';
import type { LogLine } from './webhook-client.test-support.ts';

interface Context {
  pki: { ca: PemKeyPair; leaf: PemKeyPair };
  server: WebhookServer;
  port: number;
  agent: Agent;
  logs: LogLine[];
  observed: [string, number, number][];
  bodies: ReviewBody[];
  undecided: [string | undefined, ServerUndecided][];
}

const test = suite<Context>('webhook server');
const reviewPath = '/deletion-protection';
const BUDGET: AdmissionBudget = { maxBodyBytes: 256 * 1024, inlineBodyBytes: 16 * 1024, largeBytesInFlight: 100 * 1024, largeWaiting: 2, answerWithinMs: 400, maxReducedBytes: 64 * 1024 };

function route(context: Context): WebhookRoute {
  return {
    answer(body) {
      context.bodies.push(body);
      if (body.type === 'unreadable') return { status: 400, body: JSON.stringify({ error: 'invalid AdmissionReview', message: body.message }) };
      const uid = (body.value as { request?: { uid?: string } }).request?.uid;
      return { status: 200, body: JSON.stringify({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', response: { uid, allowed: true } }) };
    },
    undecided(uid, reason) {
      context.undecided.push([uid, reason]);
      return uid === undefined ? { status: reason === 'too-large' ? 413 : 503, body: JSON.stringify({ error: reason }) }
        : { status: 200, body: JSON.stringify({ response: { uid, allowed: false, undecided: reason } }) };
    },
  };
}

async function start(context: Context, over: Partial<WebhookServerOptions> = {}): Promise<void> {
  context.logs = [];
  context.observed = [];
  context.bodies = [];
  context.undecided = [];
  context.server = buildWebhookServer({
    cert: context.pki.leaf.certPem,
    key: context.pki.leaf.keyPem,
    budget: BUDGET,
    routes: {
      [reviewPath]: route(context),
      '/broken': { answer: () => { throw new Error('decision exploded'); }, undecided: () => ({ status: 503, body: '{}' }) },
      '/rejects': { answer: () => Promise.reject(new Error('lookup exploded')), undecided: () => ({ status: 503, body: '{}' }) },
    },
    log: captureLogger(context.logs),
    metrics: { observeRequest: (webhook, code, seconds) => { context.observed.push([webhook, code, seconds]); } },
    ...over,
  });
  context.port = await listen(context.server);
  context.agent = new Agent({ keepAlive: true, maxSockets: 1, ca: context.pki.ca.certPem });
}

async function restart(context: Context, over: Partial<WebhookServerOptions>): Promise<void> {
  context.agent.destroy();
  await context.server.close();
  await start(context, over);
}

/**
 * A parser that holds every body until the test lets it go (a worker busy with a huge review);
 * `midParse`: an answered review does not free it either (the worker is in the middle of it).
 */
function heldParser({ midParse = false } = {}): ReviewParser & { held: { body: Buffer; resolve: (r: ReviewBody | undefined) => void }[] } {
  const held: { body: Buffer; resolve: (r: ReviewBody | undefined) => void }[] = [];
  return {
    held,
    parse: (body, signal) => new Promise((resolve) => {
      held.push({ body, resolve });
      if (!midParse) signal.addEventListener('abort', () => resolve(undefined), { once: true });
    }),
    queued: () => held.length,
    close: async () => { for (const h of held) h.resolve(undefined); },
  };
}

test.before(async (context) => { context.pki = await servingPair(); });
test.before.each(async (context) => { await start(context); });
test.after.each(async (context) => {
  context.agent.destroy();
  await context.server.close();
});

const review = (uid = 'u-1', padding = 0): string => JSON.stringify({
  apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview',
  request: { uid, operation: 'DELETE', oldObject: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'big', labels: { a: 'b' }, managedFields: [{ x: 1 }] }, data: { pad: 'x'.repeat(padding) } }, options: { propagationPolicy: 'Background' } },
});

test('a valid review reaches the route and its answer comes back as JSON over TLS 1.3', async (context) => {
  const answer = await post(context.agent, context.port, reviewPath, review());
  assert.is(answer.status, 200);
  assert.equal(JSON.parse(answer.body), { apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', response: { uid: 'u-1', allowed: true } });
  assert.equal(context.bodies, [{ type: 'json', value: JSON.parse(review()) }], 'a small body arrives whole');
  assert.is(answer.socket.getProtocol(), 'TLSv1.3');
  assert.is((await post(context.agent, context.port, reviewPath, review(), 'application/json; charset=utf-8')).status, 200);
  assert.equal(context.observed.map(([webhook, code]) => [webhook, code]), [[reviewPath, 200], [reviewPath, 200]]);
  assert.ok(context.observed.every(([, , seconds]) => seconds > 0 && seconds < 5), 'latency in seconds');
});

test('requests reuse one keep-alive HTTP/1.1 connection', async (context) => {
  const sockets = new Set();
  for (let i = 0; i < 5; i++) sockets.add((await post(context.agent, context.port, reviewPath, review())).socket);
  assert.is(sockets.size, 1);
});

test('malformed JSON is the route\'s to answer (400), and the server keeps serving', async (context) => {
  for (const body of ['{"apiVersion":', 'not json']) assert.is((await post(context.agent, context.port, reviewPath, body)).status, 400, body);
  assert.equal(context.bodies, [{ type: 'unreadable', message: 'body is not valid JSON' }, { type: 'unreadable', message: 'body is not valid JSON' }]);
  assert.is((await post(context.agent, context.port, reviewPath, review())).status, 200);
});

test('wrong content type 415, wrong method 405, unknown path 404: none reaches a route', async (context) => {
  for (const type of ['text/plain', 'application/xml', 'application/jsonx']) {
    const answer = await post(context.agent, context.port, reviewPath, review(), type);
    assert.is(answer.status, 415, type);
    assert.is(JSON.parse(answer.body).error, 'unsupported-media-type', type);
  }
  assert.is((await post(context.agent, context.port, reviewPath, review(), 'application/json', 'PUT')).status, 405);
  assert.is((await post(context.agent, context.port, '/nope', review())).status, 404);
  assert.is(context.bodies.length, 0);
  assert.ok(context.logs.every((l) => l.level === 'warn' && l.message === 'webhook request refused'));
});

test('a throwing or rejecting route gets 500 with an error line; the server keeps serving', async (context) => {
  for (const path of ['/broken', '/rejects']) {
    const answer = await post(context.agent, context.port, path, review());
    assert.is(answer.status, 500, path);
    assert.equal(JSON.parse(answer.body), { error: 'internal', message: 'the admission handler failed' });
  }
  assert.is(context.logs.filter((l) => l.level === 'error' && l.message === 'admission handler failed').length, 2);
  assert.is((await post(context.agent, context.port, reviewPath, review())).status, 200);
});

test('a body over the cap is answered from its beginning (uid) without reading the rest, and the connection closes', async (context) => {
  const answer = await post(context.agent, context.port, reviewPath, review('u-big', 300 * 1024));
  assert.is(answer.status, 200);
  assert.equal(JSON.parse(answer.body), { response: { uid: 'u-big', allowed: false, undecided: 'too-large' } });
  assert.equal(context.undecided, [['u-big', 'too-large']]);
  assert.is(context.bodies.length, 0);
  // Counted on the stream too: chunked, no Content-Length (with room in the in-flight budget, or it is `busy` first).
  await restart(context, { budget: { ...BUDGET, largeBytesInFlight: 1024 * 1024 } });
  const chunked = await postChunked(context, review('u-chunked', 300 * 1024));
  assert.equal(JSON.parse(chunked), { response: { uid: 'u-chunked', allowed: false, undecided: 'too-large' } });
});

// Issue 12, finding 1: with 8 large reviews in flight a small review took 9.9 s, past the API
// server's timeout (failurePolicy Ignore then let a protected delete through).
test('small reviews are answered while large ones wait for the parser', async (context) => {
  const parser = heldParser();
  await restart(context, { parser });
  const bigAgent = new Agent({ keepAlive: true, maxSockets: 4, ca: context.pki.ca.certPem });
  const large = post(bigAgent, context.port, reviewPath, review('u-large', 40 * 1024));
  await until(() => parser.held.length === 1);
  for (let i = 0; i < 20; i++) assert.is((await post(context.agent, context.port, reviewPath, review(`u-small-${i}`))).status, 200);
  assert.is(context.bodies.length, 20, 'every small review decided while the large one is still held');
  parser.held[0]!.resolve({ type: 'json', value: JSON.parse(review('u-large')) });
  assert.equal(JSON.parse((await large).body).response, { uid: 'u-large', allowed: true });
  bigAgent.destroy();
});

test('a review not decided within the budget is answered as the route says, with its uid', async (context) => {
  const parser = heldParser();
  await restart(context, { parser });
  const answer = await post(context.agent, context.port, reviewPath, review('u-slow', 40 * 1024));
  assert.equal(JSON.parse(answer.body), { response: { uid: 'u-slow', allowed: false, undecided: 'budget' } });
  assert.equal(context.undecided, [['u-slow', 'budget']]);
  const seconds = context.observed[0]![2];
  assert.ok(seconds >= BUDGET.answerWithinMs / 1000 - 0.05, `answered at the budget, not before (${seconds} s)`);
  assert.ok(context.logs.some((l) => l.message === 'admission review not decided' && l.fields?.['reason'] === 'budget'));
  assert.is(context.server.largeBytesInFlight() > 0, true, 'its bytes stay counted while the parser holds them');
  parser.held[0]!.resolve({ type: 'json', value: {} });
  await until(() => context.server.largeBytesInFlight() === 0);
});

test('large bodies past the in-flight byte budget are answered busy at once when the waiting room is full; small ones still pass', async (context) => {
  const parser = heldParser();
  await restart(context, { parser, budget: { ...BUDGET, largeWaiting: 0 } });
  const bigAgent = new Agent({ keepAlive: true, maxSockets: 4, ca: context.pki.ca.certPem });
  const first = post(bigAgent, context.port, reviewPath, review('u-first', 60 * 1024));
  await until(() => parser.held.length === 1);
  const second = await post(bigAgent, context.port, reviewPath, review('u-second', 60 * 1024));
  assert.equal(JSON.parse(second.body), { response: { uid: 'u-second', allowed: false, undecided: 'busy' } });
  assert.is((await post(context.agent, context.port, reviewPath, review('u-small'))).status, 200);
  parser.held[0]!.resolve({ type: 'json', value: JSON.parse(review('u-first')) });
  assert.is((await first).status, 200);
  bigAgent.destroy();
});

// Issue 12: a flood of large reviews answered `busy` and reconnecting cost the event loop the
// TLS handshakes and the decryption of every body it then threw away. A large review that does not
// fit waits unread (TCP holds its sender back), first come first served.
test('a large body past the in-flight byte budget waits unread for room, then is decided; first come first served', async (context) => {
  const parser = heldParser();
  await restart(context, { parser, budget: { ...BUDGET, answerWithinMs: 5_000 } });
  const bigAgent = new Agent({ keepAlive: true, maxSockets: 4, ca: context.pki.ca.certPem });
  const size = 60 * 1024;
  const first = post(bigAgent, context.port, reviewPath, review('u-first', size));
  await until(() => parser.held.length === 1);
  const inFlight = context.server.largeBytesInFlight();
  const second = post(bigAgent, context.port, reviewPath, review('u-second', size));
  const third = post(bigAgent, context.port, reviewPath, review('u-third', size));
  await new Promise((r) => setTimeout(r, 200));
  assert.is(parser.held.length, 1, 'the waiting ones never reached the parser');
  assert.is(context.server.largeBytesInFlight(), inFlight, 'and hold no room');
  assert.is((await post(context.agent, context.port, reviewPath, review('u-small'))).status, 200, 'small reviews pass them by');
  parser.held[0]!.resolve({ type: 'json', value: JSON.parse(review('u-first')) });
  await until(() => parser.held.length === 2);
  assert.is(JSON.parse(parser.held[1]!.body.toString()).request.uid, 'u-second', 'the oldest waiting review gets the room');
  parser.held[1]!.resolve({ type: 'json', value: JSON.parse(review('u-second')) });
  await until(() => parser.held.length === 3);
  parser.held[2]!.resolve({ type: 'json', value: JSON.parse(review('u-third')) });
  for (const [answer, uid] of [[first, 'u-first'], [second, 'u-second'], [third, 'u-third']] as const) {
    assert.equal(JSON.parse((await answer).body).response, { uid, allowed: true });
  }
  assert.equal(context.undecided, []);
  await until(() => context.server.largeBytesInFlight() === 0);
  bigAgent.destroy();
});

test('a large review given no room within the budget is answered busy with its uid', async (context) => {
  const parser = heldParser({ midParse: true });
  await restart(context, { parser });
  const bigAgent = new Agent({ keepAlive: true, maxSockets: 4, ca: context.pki.ca.certPem });
  const first = post(bigAgent, context.port, reviewPath, review('u-first', 60 * 1024));
  await until(() => parser.held.length === 1);
  const second = await post(bigAgent, context.port, reviewPath, review('u-second', 60 * 1024));
  assert.equal(JSON.parse(second.body), { response: { uid: 'u-second', allowed: false, undecided: 'busy' } });
  assert.is(parser.held.length, 1);
  parser.held[0]!.resolve({ type: 'json', value: JSON.parse(review('u-first')) });
  assert.is(JSON.parse((await first).body).response.uid, 'u-first');
  assert.equal(context.undecided.filter(([uid]) => uid === 'u-second'), [['u-second', 'busy']]);
  bigAgent.destroy();
});

test('the real parse worker hands back the review without its objects\' data', async (context) => {
  await restart(context, { budget: { ...BUDGET, maxBodyBytes: 8 * 1024 * 1024, largeBytesInFlight: 16 * 1024 * 1024, answerWithinMs: 10_000 } });
  const body = review('u-3mib', 3 * 1024 * 1024);
  const answer = await post(context.agent, context.port, reviewPath, body);
  assert.is(answer.status, 200);
  assert.equal(context.bodies, [{
    type: 'json',
    value: {
      apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview',
      request: { uid: 'u-3mib', operation: 'DELETE', oldObject: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'big', labels: { a: 'b' } } }, options: {} },
    },
  }]);
  const bad = await post(context.agent, context.port, reviewPath, `{"request":{"uid":"x","pad":"${'y'.repeat(100 * 1024)}"`);
  assert.is(bad.status, 400);
  assert.equal(context.bodies[1], { type: 'unreadable', message: 'body is not valid JSON' });
  const bloated = await post(context.agent, context.port, reviewPath, JSON.stringify({ request: { uid: 'x', userInfo: { groups: Array.from({ length: 20_000 }, (_, i) => `group-${i}`) } } }));
  assert.is(bloated.status, 400);
  assert.equal(context.bodies[2], { type: 'unreadable', message: 'the review without its objects\' data is larger than 65536 bytes' });
});

test('the parse worker runs at the lowest CPU priority, the event loop keeps its own', async (context) => {
  await restart(context, { budget: { ...BUDGET, largeBytesInFlight: 1024 * 1024 } });
  assert.is((await post(context.agent, context.port, reviewPath, review('u-nice', 40 * 1024))).status, 200);
  const { readdirSync, readFileSync } = await import('node:fs');
  const nice = readdirSync('/proc/self/task').map((t) => Number(readFileSync(`/proc/self/task/${t}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]));
  assert.is(nice[0], 0, 'the main thread');
  assert.ok(nice.includes(19), `a thread at nice 19: ${nice.join(',')}`);
});

test('reload serves the new certificate to new handshakes while a keep-alive loop sees no error', async (context) => {
  const before = readCertificate(context.pki.leaf.certPem).fingerprintSha256;
  const next = await servingPair();
  const after = readCertificate(next.leaf.certPem).fingerprintSha256;
  const bothCas = [context.pki.ca.certPem, next.ca.certPem];
  const agent = new Agent({ keepAlive: true, maxSockets: 1, ca: bothCas });
  assert.is((await peerFingerprint(context.port, bothCas)).fingerprint, before);
  const errors: unknown[] = [];
  const sockets = new Set();
  for (let i = 0; i < 200; i++) {
    if (i === 100) context.server.reload({ cert: next.leaf.certPem, key: next.leaf.keyPem });
    try {
      const answer = await post(agent, context.port, reviewPath, review());
      if (answer.status !== 200) errors.push(answer.status);
      sockets.add(answer.socket);
    } catch (error) {
      errors.push(error);
    }
  }
  agent.destroy();
  assert.equal(errors, []);
  assert.is(sockets.size, 1, 'one connection throughout');
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
  assert.is((await post(context.agent, context.port, reviewPath, review())).status, 200);
});

// Issue 12, finding 4: TLS accepted CBC-SHA1 suites (ECDHE-ECDSA-AES128-SHA).
test('TLS 1.2 with an AEAD suite is served; CBC and SHA-1 suites and TLS 1.1 are refused, also after a reload', async (context) => {
  const agent = new Agent({ keepAlive: false, ca: context.pki.ca.certPem, maxVersion: 'TLSv1.2' });
  const answer = await post(agent, context.port, reviewPath, review());
  assert.is(answer.status, 200);
  assert.is(answer.socket.getProtocol(), 'TLSv1.2');
  assert.match(answer.socket.getCipher().name, /GCM|CHACHA20/);
  agent.destroy();
  const probe = async (): Promise<void> => {
    for (const ciphers of ['ECDHE-ECDSA-AES128-SHA', 'ECDHE-ECDSA-AES256-SHA', 'ECDHE-ECDSA-AES128-SHA256', 'AES128-GCM-SHA256', 'AES128-SHA']) {
      assert.match(await handshake({ ciphers, maxVersion: 'TLSv1.2' }), /handshake failure|no ciphers|alert/i, ciphers);
    }
    assert.match(await handshake({ maxVersion: 'TLSv1.1', minVersion: 'TLSv1', ciphers: 'DEFAULT@SECLEVEL=0' }), /protocol version|alert|unsupported/i);
    assert.is(await handshake({ ciphers: 'ECDHE-ECDSA-AES128-GCM-SHA256', maxVersion: 'TLSv1.2' }), 'ECDHE-ECDSA-AES128-GCM-SHA256');
  };
  const handshake = (o: { ciphers: string; maxVersion: 'TLSv1.1' | 'TLSv1.2'; minVersion?: 'TLSv1' }): Promise<string> => new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port: context.port, servername: 'localhost', ca: context.pki.ca.certPem, ...o }, () => {
      resolve(socket.getCipher().name);
      socket.end();
    });
    socket.on('error', (err) => resolve(err.message));
  });
  await probe();
  const next = await servingPair();
  context.server.reload({ cert: next.leaf.certPem, key: next.leaf.keyPem });
  context.pki = next;
  await probe();
});

/** POSTs without Content-Length (chunked) and resolves with the response body. */
function postChunked(context: Context, body: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = new Agent({ keepAlive: false, ca: context.pki.ca.certPem });
    import('node:https').then(({ request }) => {
      const r = request({ host: '127.0.0.1', port: context.port, path: reviewPath, method: 'POST', agent: req, servername: 'localhost', headers: { 'content-type': 'application/json' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => { req.destroy(); resolve(Buffer.concat(chunks).toString('utf8')); });
      });
      // The server may close before the whole body is written: that is the point.
      r.on('error', (err) => { if (!/EPIPE|ECONNRESET/.test(err.message)) reject(err); });
      for (let i = 0; i < body.length; i += 16 * 1024) r.write(body.slice(i, i + 16 * 1024));
      r.end();
    }, reject);
  });
}

async function until(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

test.run();

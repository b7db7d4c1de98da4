// The transport's HTTP plumbing against a loopback HTTP server (no Kubernetes semantics here):
// bodies, timeouts, the caller's abort, and credentials applied once.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { kubeTransport } from './kube-transport.ts';
import { requestMetrics } from './request-metrics.ts';

const test = suite('kubeTransport');

interface Seen { method: string; url: string; headers: IncomingMessage['headers']; body: string }
let server: Server;
let base = '';
const seen: Seen[] = [];
let handler: (req: IncomingMessage, res: ServerResponse, body: string) => void = () => undefined;

test.before(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      handler(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.after(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

test.before.each(() => {
  seen.length = 0;
  handler = (_req, res, body) => res.writeHead(200, { 'content-type': 'application/json' }).end(body || '{"kind":"Status"}');
});

/** A token kubeconfig for the loopback server whose applyToHTTPSOptions calls are counted. */
function config(): { kc: KubeConfig; applied: () => number } {
  const kc = new KubeConfig();
  // Plain HTTP needs skipTLSVerify in client-node; the transport then uses client-node's own agent.
  kc.loadFromOptions({
    clusters: [{ name: 'c', server: base, skipTLSVerify: true }], users: [{ name: 'u', token: 'secret-token' }],
    contexts: [{ name: 'x', cluster: 'c', user: 'u' }], currentContext: 'x',
  });
  const real = kc.applyToHTTPSOptions.bind(kc);
  let applied = 0;
  kc.applyToHTTPSOptions = async (opts) => {
    applied++;
    return real(opts);
  };
  return { kc, applied: () => applied };
}

test('a JSON body is sent once, with its length, and the JSON answer comes back parsed', async () => {
  const { kc } = config();
  const t = kubeTransport(kc, requestMetrics());
  const body = { metadata: { name: 'ü-app' }, data: { a: 'b' } };
  const r = await t.send({ method: 'PATCH', path: '/api/v1/namespaces/a/configmaps/x', body, contentType: 'application/apply-patch+yaml' });
  assert.equal(r, { ok: true, status: 200, body });
  assert.is(seen.length, 1);
  assert.is(seen[0]!.body, JSON.stringify(body));
  assert.is(seen[0]!.headers['content-length'], String(Buffer.byteLength(JSON.stringify(body))));
  assert.is(seen[0]!.headers['content-type'], 'application/apply-patch+yaml');
  assert.is(seen[0]!.headers['authorization'], 'Bearer secret-token');
});

test('kubeconfig credentials are applied once for many requests', async () => {
  const { kc, applied } = config();
  const t = kubeTransport(kc, requestMetrics());
  await Promise.all(Array.from({ length: 20 }, (_, i) => t.send({ method: 'GET', path: `/api/v1/namespaces/a/configmaps/c${i}` })));
  assert.is(seen.length, 20);
  assert.ok(seen.every((s) => s.headers['authorization'] === 'Bearer secret-token'));
  assert.is(applied(), 1);
});

test('no answer within the timeout: unavailable, naming the request and the bound', async () => {
  handler = () => undefined; // never answers
  const { kc } = config();
  const t = kubeTransport(kc, requestMetrics(), { requestTimeoutMs: 150 });
  const started = performance.now();
  const r = await t.send({ method: 'GET', path: '/api/v1/namespaces' });
  assert.ok(performance.now() - started < 5_000);
  assert.equal(r, { ok: false, error: { type: 'unavailable', message: 'GET /api/v1/namespaces: no answer in 150 ms' } });
});

test('a body that stops half-way times out the same way', async () => {
  handler = (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"kind":');
  };
  const { kc } = config();
  const t = kubeTransport(kc, requestMetrics(), { requestTimeoutMs: 150 });
  const r = await t.send({ method: 'GET', path: '/api/v1/pods' });
  assert.equal(r, { ok: false, error: { type: 'unavailable', message: 'GET /api/v1/pods: no answer in 150 ms' } });
});

test("the caller's abort ends the request at once, and is not reported as a timeout", async () => {
  handler = () => undefined;
  const { kc } = config();
  const t = kubeTransport(kc, requestMetrics(), { requestTimeoutMs: 10_000 });
  const ac = new AbortController();
  const pending = t.send({ method: 'GET', path: '/api/v1/nodes' }, ac.signal);
  setTimeout(() => ac.abort(), 50);
  const r = await pending;
  assert.is(r.ok, false);
  assert.is(!r.ok && r.error.message, 'request aborted');
});

test('a 4xx answer becomes a ClusterError with the Status message and reason', async () => {
  handler = (_req, res) => res.writeHead(409, { 'content-type': 'application/json' }).end(JSON.stringify({ kind: 'Status', message: 'the object has been modified', reason: 'Conflict' }));
  const { kc } = config();
  const metrics = requestMetrics();
  const r = await kubeTransport(kc, metrics).send({ method: 'PUT', path: '/api/v1/namespaces/a', body: {} });
  assert.equal(r, { ok: false, error: { type: 'conflict', status: 409, message: 'the object has been modified', reason: 'Conflict' } });
  assert.equal(metrics.counts().map((c) => [c.method, c.code]), [['PUT', '409']]);
});

test.run();

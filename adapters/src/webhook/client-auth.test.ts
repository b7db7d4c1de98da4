import { Agent } from 'node:https';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { systemClock } from '../system/index.ts';
import { generateCa, generateClientCert, readCertificate, type PemKeyPair } from '../tls/index.ts';
import { buildWebhookServer, type WebhookServer } from './build-webhook-server.ts';
import { listen, post, servingPair } from './webhook-client.test-support.ts';

const test = suite('webhook server: client certificates');
const BUDGET = { maxBodyBytes: 64 * 1024, inlineBodyBytes: 64 * 1024, largeBytesInFlight: 64 * 1024, largeWaiting: 0, answerWithinMs: 2_000, maxReducedBytes: 64 * 1024 };
const ok = { answer: () => ({ status: 200, body: '{"ok":true}' }), undecided: () => ({ status: 503, body: '{}' }) };

let pki: { ca: PemKeyPair; leaf: PemKeyPair };
let clientCa: PemKeyPair;
let otherCa: PemKeyPair;
let apiserver: PemKeyPair;
let kubelet: PemKeyPair;
let self: PemKeyPair;
let stranger: PemKeyPair;

async function serve(allowedNames: readonly string[]): Promise<{ server: WebhookServer; port: number }> {
  const server = buildWebhookServer({
    cert: pki.leaf.certPem, key: pki.leaf.keyPem, budget: BUDGET, routes: { '/r': ok },
    clientAuth: { caPem: clientCa.certPem, allowedNames, alwaysAllowedFingerprints: [readCertificate(self.certPem).fingerprintSha256] },
  });
  return { server, port: await listen(server) };
}

async function call(port: number, client?: PemKeyPair): Promise<string> {
  const agent = new Agent({ keepAlive: false, ca: pki.ca.certPem, ...(client ? { cert: client.certPem, key: client.keyPem } : {}) });
  try {
    const a = await post(agent, port, '/r', '{}');
    return String(a.status);
  } catch (err) {
    return (err as Error).message;
  } finally {
    agent.destroy();
  }
}

test.before(async () => {
  pki = await servingPair();
  const nowMs = systemClock.now();
  clientCa = await generateCa({ commonName: 'apiserver-webhook-client-ca', validForMs: 3_600_000, nowMs });
  otherCa = await generateCa({ commonName: 'other', validForMs: 3_600_000, nowMs });
  apiserver = await generateClientCert({ ca: clientCa, commonName: 'kube-apiserver-webhook-client', validForMs: 3_600_000, nowMs });
  kubelet = await generateClientCert({ ca: clientCa, commonName: 'system:node:n1', validForMs: 3_600_000, nowMs });
  self = await generateClientCert({ ca: clientCa, commonName: 'orkestra-gateway-self-check', validForMs: 3_600_000, nowMs });
  stranger = await generateClientCert({ ca: otherCa, commonName: 'kube-apiserver-webhook-client', validForMs: 3_600_000, nowMs });
});

test('without a certificate from the client CA the handshake fails; with one the review is answered', async () => {
  const { server, port } = await serve([]);
  try {
    assert.match(await call(port), /certificate|alert|socket hang up|ECONNRESET/i);
    const strangerAnswer = await call(port, stranger);
    assert.ok(strangerAnswer !== "200", strangerAnswer);
    assert.match(strangerAnswer, /unknown ca|alert|certificate|ECONNRESET|socket hang up/i);
    assert.is(await call(port, apiserver), '200');
    assert.is(await call(port, kubelet), '200', 'no names listed: the CA is enough');
  } finally {
    await server.close();
  }
});

test('with names listed, another certificate of the same CA gets 403; the self-check certificate always passes', async () => {
  const { server, port } = await serve(['kube-apiserver-webhook-client']);
  try {
    assert.is(await call(port, apiserver), '200');
    assert.is(await call(port, kubelet), '403');
    assert.is(await call(port, self), '200');
  } finally {
    await server.close();
  }
});

test.run();

// The transport rules of the HTTP registry client, against small local servers (the client
// against the real distribution registry is e2e/src/registry-*.test.ts): plain HTTP only for a
// loopback host unless asked, a Bearer token flow, bodies capped while reading.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { registryHttpClient } from './registry-http-client.ts';

const test = suite('registry http client');

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ port: number; close: () => Promise<void> }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
const none = async () => ({ type: 'none' as const });

test('a plain-HTTP registry: loopback falls back to it, another host name is refused until asked', async () => {
  const seen: string[] = [];
  const s = await serve((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    res.writeHead(200, { 'docker-content-digest': `sha256:${'a'.repeat(64)}`, 'content-type': 'application/vnd.oci.image.manifest.v1+json' }).end();
  });
  try {
    const local = registryHttpClient({ host: `127.0.0.1:${s.port}`, credentials: none });
    const ok = await local.headManifest('r', 'v1');
    local.close();
    assert.ok(ok.ok, JSON.stringify(ok));
    // The machine's own name reaches the same server, but it is not a loopback name.
    const name = `${hostname()}:${s.port}`;
    const remote = registryHttpClient({ host: name, credentials: none });
    const refused = await remote.headManifest('r', 'v1');
    remote.close();
    assert.is(!refused.ok && refused.error.type, 'plain-http');
    const asked = registryHttpClient({ host: name, plainHttp: true, credentials: none });
    const plain = await asked.headManifest('r', 'v1');
    asked.close();
    assert.ok(plain.ok, JSON.stringify(plain));
  } finally {
    await s.close();
  }
});

test('Bearer: a 401 challenge is answered with a token from the realm, then reused', async () => {
  const log: string[] = [];
  const s = await serve((req, res) => {
    log.push(`${req.method} ${req.url} ${req.headers.authorization ?? '-'}`);
    if (req.url?.startsWith('/token')) {
      const ok = req.headers.authorization === `Basic ${Buffer.from('alice:pw').toString('base64')}`;
      return void res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' }).end(ok ? JSON.stringify({ token: 'T1' }) : '{}');
    }
    if (req.headers.authorization !== 'Bearer T1') {
      return void res.writeHead(401, { 'www-authenticate': `Bearer realm="http://127.0.0.1:${(req.socket.address() as AddressInfo).port}/token",service="reg"` }).end();
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream' }).end('blob!');
  });
  try {
    const client = registryHttpClient({ host: `127.0.0.1:${s.port}`, plainHttp: true, credentials: async () => ({ type: 'found', credentials: { username: 'alice', password: 'pw' }, from: 'test' }) });
    const first = await client.fetchBlob('team/k', `sha256:${'b'.repeat(64)}`, 100);
    const second = await client.fetchBlob('team/k', `sha256:${'c'.repeat(64)}`, 100);
    client.close();
    assert.ok(first.ok && Buffer.from(first.value).toString() === 'blob!');
    assert.ok(second.ok);
    assert.ok(log.some((l) => l.startsWith('GET /token?service=reg&scope=repository%3Ateam%2Fk%3Apull ')), log.join('\n'));
    assert.is(log.filter((l) => l.startsWith('GET /token')).length, 1, 'one token for the scope');
  } finally {
    await s.close();
  }
});

test('wrong credentials are unauthorized; bodies over the limit are too-large, even without Content-Length', async () => {
  const s = await serve((req, res) => {
    if (req.headers.authorization === undefined) return void res.writeHead(401, { 'www-authenticate': 'Basic realm="r"' }).end();
    if (req.headers.authorization !== `Basic ${Buffer.from('u:right').toString('base64')}`) {
      return void res.writeHead(401, { 'content-type': 'application/json' }).end('{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}');
    }
    res.writeHead(200);
    res.write('x'.repeat(600));
    res.end('y'.repeat(600));
  });
  try {
    const wrong = registryHttpClient({ host: `127.0.0.1:${s.port}`, plainHttp: true, credentials: async () => ({ type: 'found', credentials: { username: 'u', password: 'wrong' }, from: 't' }) });
    const denied = await wrong.fetchBlob('r', `sha256:${'d'.repeat(64)}`, 1000);
    wrong.close();
    assert.is(!denied.ok && denied.error.type, 'unauthorized');
    assert.match(!denied.ok ? denied.error.message : '', 'UNAUTHORIZED: authentication required');
    const right = registryHttpClient({ host: `127.0.0.1:${s.port}`, plainHttp: true, credentials: async () => ({ type: 'found', credentials: { username: 'u', password: 'right' }, from: 't' }) });
    const big = await right.fetchBlob('r', `sha256:${'d'.repeat(64)}`, 1000);
    right.close();
    assert.is(!big.ok && big.error.type, 'too-large');
  } finally {
    await s.close();
  }
});

test.run();

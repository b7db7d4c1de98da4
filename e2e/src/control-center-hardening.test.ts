// Issue 12, findings 10–12, on the Control Center as it ships (its bundle, ork-control-center.mjs)
// against runtimes that answer what an attacker or a careless operator makes them answer. No API
// server is involved: the runtimes here are plain HTTP servers in this process.
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startApp, stopApp, type AppProcess } from './harness/app-process.ts';
import { controlCenterReady } from './harness/control-center-process.ts';

const test = suite('Control Center: nothing a runtime sends ends it, bloats it or opens a path; Host is checked');

interface Stub {
  readonly url: string;
  readonly hits: string[];
  close(): Promise<void>;
}

/** A runtime stand-in answering `/katalog` with `katalog()` (a JSON value, or raw text) and 404 elsewhere, counting every path. */
async function stub(katalog: () => unknown): Promise<Stub> {
  const hits: string[] = [];
  const server: Server = createServer((req, res) => {
    hits.push(req.url ?? '');
    if (req.url !== '/katalog') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ reached: req.url, isLeader: true }));
      return;
    }
    const body = katalog();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

function katalog(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'k', isLeader: true, ready: true, healthy: true, status: 'healthy',
    crds: [{ name: 'website', enabled: true, state: 'healthy', resourceCount: 1, queueDepth: 0, totalReconciles: 1, errorRate: 0, workers: 1 }],
    ...over,
  };
}

function startCc(urls: readonly string[], env: Record<string, string> = {}): AppProcess {
  return startApp('apps/control-center/dist/ork-control-center.mjs', ['serve'], {
    ORK_PORT: '0', ORK_HOST: '127.0.0.1', ORKESTRA_URLS: urls.join(','), REFRESH_INTERVAL: '500ms', REQUEST_TIMEOUT: '3s', ...env,
  });
}

/** A GET with the Host header we choose (fetch does not allow it). */
function get(base: string, path: string, host?: string): Promise<{ status: number; body: string }> {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, path, headers: host === undefined ? {} : { host } }, (res: IncomingMessage) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => { body += c; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function passes(base: string, n: number): Promise<void> {
  const start = Number((JSON.parse((await get(base, '/readyz')).body) as { passes: number }).passes);
  for (let i = 0; i < 200; i++) {
    const now = Number((JSON.parse((await get(base, '/readyz')).body) as { passes: number }).passes);
    if (now >= start + n) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`fewer than ${n} poll passes in 20 s`);
}

// Finding 10: `"gatewayEndpoint": "orkestra-gateway:8080"` made the poller throw ERR_INVALID_PROTOCOL, uncaught: exit 1, crash loop.
test('a scheme-less gatewayEndpoint, bad JSON and a cut answer: the Control Center keeps running and says why', async () => {
  const noScheme = await stub(() => katalog({ gatewayEndpoint: 'orkestra-gateway:8080' }));
  const badJson = await stub(() => '{"isLeader": tru');
  const ftp = await stub(() => katalog({ gatewayEndpoint: 'ftp://gw:21' }));
  const cc = startCc([noScheme.url, badJson.url, ftp.url]);
  try {
    const base = await controlCenterReady(cc);
    await passes(base, 3);
    assert.is(cc.child.exitCode, null, `the Control Center exited: ${cc.stderr.join('')}`);
    const snap = JSON.parse((await get(base, '/api/snapshot')).body) as { runtimes: { status: string; error?: string; gateway?: { status: string; error?: string } }[] };
    assert.is(snap.runtimes[0]!.status, 'online');
    assert.equal(snap.runtimes[0]!.gateway, { endpoint: 'orkestra-gateway:8080', status: 'offline', error: 'gatewayEndpoint "orkestra-gateway:8080" is not a URL (want http://host:port, e.g. http://orkestra-runtime:8080)' } as never);
    assert.equal([snap.runtimes[1]!.status, snap.runtimes[1]!.error], ['offline', 'answered 200 with a body that is not JSON']);
    assert.match(snap.runtimes[2]!.gateway?.error ?? '', /must be an http:\/\/ or https:\/\/ URL/);
    assert.not.match(cc.stderr.join(''), /\n\s+at /, 'no stack trace');
  } finally {
    await stopApp(cc, 'control center');
    await Promise.all([noScheme.close(), badJson.close(), ftp.close()]);
  }
});

// Finding 11: a runtime answering just under 16 MiB was fanned out to every SSE client (200 clients: 1.6 GB) and /api/snapshot took > 10 s.
test('a runtime answering 15 MB costs its error line, not the snapshot; 200 event streams share one copy', async () => {
  const huge = await stub(() => katalog({ pad: 'x'.repeat(15 * 1024 * 1024) }));
  const near = await stub(() => katalog({ pad: 'y'.repeat(900 * 1024) }));
  const cc = startCc([huge.url, near.url]);
  const streams: IncomingMessage[] = [];
  try {
    const base = await controlCenterReady(cc);
    await passes(base, 1);
    const snapshot = await get(base, '/api/snapshot');
    assert.ok(snapshot.body.length < 1.5 * 1024 * 1024, `the snapshot is ${snapshot.body.length} bytes`);
    const snap = JSON.parse(snapshot.body) as { runtimes: { status: string; error?: string }[] };
    assert.equal([snap.runtimes[0]!.status, snap.runtimes[0]!.error], ['offline', 'answer larger than 1048576 bytes']);
    assert.is(snap.runtimes[1]!.status, 'online', 'a large answer within the budget is shown');
    const u = new URL(base);
    for (let i = 0; i < 200; i++) {
      streams.push(await new Promise<IncomingMessage>((resolve, reject) => request({ host: u.hostname, port: u.port, path: '/api/events' }, resolve).on('error', reject).end()));
    }
    // Keep them all reading, as open pages do.
    for (const s of streams) s.resume();
    await passes(base, 3);
    const rssMb = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${cc.child.pid}/status`, 'utf8'))?.[1]) / 1024;
    process.stderr.write(`\n  200 event streams of a ${(snapshot.body.length / 1024).toFixed(0)} KiB snapshot, 3 passes: Control Center RSS ${rssMb.toFixed(0)} MB\n`);
    assert.ok(rssMb < 400, `RSS ${rssMb.toFixed(0)} MB`);
    assert.is(cc.child.exitCode, null);
  } finally {
    for (const s of streams) s.destroy();
    await stopApp(cc, 'control center');
    await Promise.all([huge.close(), near.close()]);
  }
});

// Finding 12: the detail proxy let `..` through (`crds/../crs/../..` reached the runtime's `/` and `/events`), and Host was not checked.
test('detail paths with dot segments, encoded or not, never reach the runtime', async () => {
  const rt = await stub(() => katalog());
  const cc = startCc([rt.url]);
  try {
    const base = await controlCenterReady(cc);
    for (const path of ['/api/runtimes/r0/crds/..', '/api/runtimes/r0/crds/../crs/../..', '/api/runtimes/r0/crds/%2e%2e/crs', '/api/runtimes/r0/crds/..%2F..%2Fevents',
      '/api/runtimes/r0/crds/website/crs/_/..', '/api/runtimes/r0/crds/website/crs/..%2F..%2F..%2F/events', '/api/runtimes/r0/crds/website/crs/x/%2E%2E']) {
      const r = await get(base, path);
      assert.ok(r.status === 400 || r.status === 404, `${path}: ${r.status} ${r.body}`);
    }
    assert.equal(rt.hits.filter((h) => h !== '/katalog'), [], 'only the poller\'s /katalog reached the runtime');
  } finally {
    await stopApp(cc, 'control center');
    await rt.close();
  }
});

test('bound to loopback, only the localhost names are served (probes answer any Host); ALLOWED_HOSTS adds names', async () => {
  const rt = await stub(() => katalog());
  const cc = startCc([rt.url]);
  const named = startCc([rt.url], { ALLOWED_HOSTS: 'cc.example.com' });
  try {
    const base = await controlCenterReady(cc);
    for (const path of ['/api/snapshot', '/controlcenter', '/api/events']) {
      const r = await get(base, path, 'rebound.attacker.example');
      assert.is(r.status, 403, path);
      assert.match(r.body, /host \\"rebound\.attacker\.example\\" is not served here/);
    }
    assert.is((await get(base, '/api/snapshot', `localhost:${new URL(base).port}`)).status, 200);
    assert.is((await get(base, '/livez', '10.0.0.7:8081')).status, 200);
    const namedBase = await controlCenterReady(named);
    assert.is((await get(namedBase, '/api/snapshot', 'cc.example.com')).status, 200);
    assert.is((await get(namedBase, '/api/snapshot', 'localhost')).status, 403, 'a list replaces the default');
  } finally {
    await stopApp(cc, 'control center');
    await stopApp(named, 'control center');
    await rt.close();
  }
});

test.run();

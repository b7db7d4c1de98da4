// A minimal keep-alive HTTPS client for the API server, with the admin kubeconfig's client
// certificate, key and CA (tools/kube writes them embedded as *-data). One request per call, timed
// from before `request()` to the last byte of the body. Used by apiserver.mjs; not a general client.
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { parse } from 'yaml';

/** Reads server URL, CA, client cert and key from a kubeconfig with embedded data. */
export function loadAdminKubeconfig(path) {
  const kc = parse(readFileSync(path, 'utf8'));
  const ctxName = kc['current-context'];
  const ctx = (kc.contexts.find((c) => c.name === ctxName) ?? kc.contexts[0]).context;
  const cluster = kc.clusters.find((c) => c.name === ctx.cluster).cluster;
  const user = kc.users.find((u) => u.name === ctx.user).user;
  const b64 = (s) => Buffer.from(s, 'base64');
  return {
    server: new URL(cluster.server),
    ca: b64(cluster['certificate-authority-data']),
    cert: b64(user['client-certificate-data']),
    key: b64(user['client-key-data']),
  };
}

/**
 * A client with one keep-alive agent (at most `maxSockets` connections, reused). `call` resolves
 * { status, body, ms } and never rejects on an HTTP status; it rejects on a transport error.
 */
export function kubeClient(cfg, { maxSockets = 8 } = {}) {
  const agent = new Agent({ keepAlive: true, maxSockets, ca: cfg.ca, cert: cfg.cert, key: cfg.key });
  const host = cfg.server.hostname;
  const port = Number(cfg.server.port || 443);
  function call(method, path, body) {
    const payload = body === undefined ? undefined : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
    const headers = { accept: 'application/json' };
    if (payload) {
      headers['content-type'] = method === 'PATCH' ? 'application/merge-patch+json' : 'application/json';
      headers['content-length'] = payload.length;
    }
    return new Promise((resolve, reject) => {
      const t0 = process.hrtime.bigint();
      const req = request({ host, port, method, path, agent, headers, servername: host === '127.0.0.1' ? undefined : host }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const ms = Number(process.hrtime.bigint() - t0) / 1e6;
          resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8'), ms });
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(payload);
    });
  }
  /** Like call, but throws unless the status is in `ok`; returns the parsed body. */
  async function must(method, path, body, ok = [200, 201, 202]) {
    const r = await call(method, path, body);
    if (!ok.includes(r.status)) throw new Error(`${method} ${path}: ${r.status} ${r.body.slice(0, 400)}`);
    return r.body ? JSON.parse(r.body) : undefined;
  }
  return { call, must, close: () => agent.destroy() };
}

// The load generator's own API client: HTTPS with the admin client certificate over keep-alive
// connections, so creating 1,000 CRs costs requests and not 1,000 kubectl processes.
import { Agent, request } from 'node:https';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** An admin client for the kubeconfig's first cluster and user; `sockets` bounds concurrent requests. */
export function adminClient(kubeconfig, sockets = 16) {
  const config = parse(readFileSync(kubeconfig, 'utf8'));
  const cluster = config.clusters[0].cluster, user = config.users[0].user;
  const b64 = (s) => Buffer.from(s, 'base64');
  const agent = new Agent({
    keepAlive: true, maxSockets: sockets,
    ca: b64(cluster['certificate-authority-data']), cert: b64(user['client-certificate-data']), key: b64(user['client-key-data']),
  });
  const base = new URL(cluster.server);

  /** One request; resolves with status and parsed JSON body. */
  function call(method, path, body, contentType = 'application/json') {
    return new Promise((resolve, reject) => {
      const req = request({ host: base.hostname, port: base.port, path, method, agent, headers: { accept: 'application/json', ...(body ? { 'content-type': contentType } : {}) } }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          resolve({ status: res.statusCode, body: text ? JSON.parse(text) : undefined });
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body ? JSON.stringify(body) : undefined);
    });
  }

  /**
   * Watches a collection from `resourceVersion`, calling `onEvent(type, object)` per event, and
   * re-watches from the last version seen when the server ends the stream. An ERROR event (such
   * as 410 Expired) ends the watch and goes to `onError(status)`, or throws without one. Returns
   * a stop function.
   */
  function watch(path, resourceVersion, onEvent, onError) {
    let rv = resourceVersion, stopped = false, current;
    const open = () => {
      if (stopped) return;
      current = request({ host: base.hostname, port: base.port, agent: false, ca: agent.options.ca, cert: agent.options.cert, key: agent.options.key,
        path: `${path}?watch=1&allowWatchBookmarks=true&resourceVersion=${rv}`, headers: { accept: 'application/json' } }, (res) => {
        let rest = '';
        res.on('data', (chunk) => {
          const lines = (rest + chunk.toString()).split('\n');
          rest = lines.pop();
          for (const line of lines) {
            if (!line.trim()) continue;
            const e = JSON.parse(line);
            if (e.type === 'ERROR') {
              if (!onError) throw new Error(`watch ${path}: ${JSON.stringify(e.object)}`);
              stopped = true;
              res.destroy();
              onError(e.object);
              return;
            }
            rv = e.object.metadata.resourceVersion;
            if (e.type !== 'BOOKMARK') onEvent(e.type, e.object);
          }
        });
        res.on('end', open);
        res.on('error', () => setTimeout(open, 200));
      });
      current.on('error', () => setTimeout(open, 200));
      current.end();
    };
    open();
    return () => { stopped = true; current?.destroy(); };
  }

  return { call, watch, close: () => agent.destroy() };
}

/** Runs `fn(i)` for i in [0, n) with at most `limit` in flight. */
export async function forEachLimited(n, limit, fn) {
  let next = 0;
  const lane = async () => { while (next < n) await fn(next++); };
  await Promise.all(Array.from({ length: Math.min(limit, n) }, lane));
}

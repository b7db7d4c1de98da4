// Real requests to a runtime server on 127.0.0.1:0, replacing fastify's inject(): the raw path
// goes out as written (no URL normalisation), so malformed escapes reach the server.
import { request } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import type { RuntimeServer } from './build-runtime-server.ts';

/** A response read to the end. */
export interface TestResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  json(): any;
}

/** A listening server and a client for it. */
export interface TestClient {
  send(method: string, path: string, headers?: Record<string, string>): Promise<TestResponse>;
  get(path: string, headers?: Record<string, string>): Promise<TestResponse>;
}

const open: RuntimeServer[] = [];

/** Listens on a free port; `closeAll` (in `after.each`) stops every server this started. */
export async function serveForTest(app: RuntimeServer): Promise<TestClient> {
  const { port } = await app.listen({ port: 0, host: '127.0.0.1' });
  open.push(app);
  // A failing test must not leave the process waiting on the socket.
  app.server.unref();
  const send = (method: string, path: string, headers: Record<string, string> = {}): Promise<TestResponse> => new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, agent: false, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: () => JSON.parse(body) }));
    });
    req.on('error', reject);
    req.end();
  });
  return { send, get: (path, headers) => send('GET', path, headers) };
}

/** Closes the servers serveForTest started. */
export async function closeAll(): Promise<void> {
  await Promise.all(open.splice(0).map((app) => app.close()));
}

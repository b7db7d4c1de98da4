// One GET to a runtime or gateway: JSON back, bounded in time and size, a new connection each time.
// Keep-alive is off on purpose: behind a Kubernetes Service a kept connection sticks to one replica,
// and the leader-preferring retry (lib retryForLeader) needs each request to be balanced anew.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** What one GET came back with. */
export type GetResult =
  | { readonly type: 'ok'; readonly status: number; readonly body: unknown }
  | { readonly type: 'error'; readonly message: string };

/** Largest body read by default (a CR list of a big CRD stays well under it). */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

/** Per-request options: a body cap (the poller's budgets) and headers (the runtime token). */
export interface GetOptions {
  readonly maxBytes?: number;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * GETs `url` and parses the body as JSON; any status comes back as `ok` with its body, failures as
 * one line. Never throws or rejects, whatever the URL or the answer (issue 12: a runtime's
 * `gatewayEndpoint` without a scheme made http.request throw and the Control Center exit).
 */
export function getJson(url: string, timeoutMs: number, options: GetOptions = {}): Promise<GetResult> {
  const maxBytes = options.maxBytes ?? MAX_BODY_BYTES;
  return new Promise((resolve) => {
    let settled = false;
    const done = (r: GetResult): void => {
      if (settled) return;
      settled = true;
      resolve(r);
    };
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return done({ type: 'error', message: `invalid URL ${url}` });
    }
    if (target.protocol !== 'http:' && target.protocol !== 'https:') return done({ type: 'error', message: `${url} is not an http:// or https:// URL` });
    const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const signal = AbortSignal.timeout(timeoutMs);
    let req: ReturnType<typeof httpRequest>;
    try {
      req = request(target, { method: 'GET', agent: false, signal, headers: { ...options.headers, accept: 'application/json', connection: 'close' } }, (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const declared = Number(res.headers['content-length']);
        if (Number.isFinite(declared) && declared > maxBytes) {
          req.destroy();
          return done({ type: 'error', message: `answer larger than ${maxBytes} bytes` });
        }
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) {
            req.destroy();
            return done({ type: 'error', message: `answer larger than ${maxBytes} bytes` });
          }
          chunks.push(chunk);
        });
        res.on('error', (err) => done({ type: 'error', message: describe(err, timeoutMs) }));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            done({ type: 'ok', status: res.statusCode ?? 0, body: JSON.parse(text) as unknown });
          } catch {
            done({ type: 'error', message: `answered ${res.statusCode ?? 0} with a body that is not JSON` });
          }
        });
      });
    } catch (err) {
      // Node refuses some URLs and headers synchronously (ERR_INVALID_PROTOCOL, ERR_INVALID_CHAR...).
      return done({ type: 'error', message: err instanceof Error ? describe(err, timeoutMs) : String(err) });
    }
    req.on('error', (err) => done({ type: 'error', message: describe(err, timeoutMs) }));
    req.end();
  });
}

function describe(err: Error, timeoutMs: number): string {
  if (err.name === 'AbortError' || err.name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  const code = (err as NodeJS.ErrnoException).code;
  return code !== undefined && !err.message.includes(code) ? `${code}: ${err.message}` : err.message;
}

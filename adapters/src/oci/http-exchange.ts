// One HTTP request to a registry over node:http(s), body read to a byte limit. Not fetch: Node 20's
// fetch cannot take a CA per request, and a private registry's CA must not be trusted process-wide.
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent, request as httpsRequest } from 'node:https';
import { rootCertificates } from 'node:tls';

/** A request to send. */
export interface Exchange {
  readonly method: 'GET' | 'HEAD' | 'PUT' | 'POST';
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: Uint8Array;
  /** Larger bodies end the request with `too-large` (Content-Length first, then while reading). */
  readonly maxBytes: number;
  readonly signal?: AbortSignal;
}

/** An answer read to the end (HEAD: no body). */
export interface Answer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Uint8Array;
}

/** Why no answer came: `not-tls` is an HTTPS handshake with a plain-HTTP server. */
export type TransportFailure = { readonly type: 'too-large' | 'tls' | 'not-tls' | 'unavailable'; readonly message: string };

/** Sends requests with one keep-alive agent per scheme; `ca` adds a PEM CA to the public ones. */
export function createTransport(options: { readonly ca?: string; readonly timeoutMs: number }): {
  send(exchange: Exchange): Promise<Answer | TransportFailure>;
  close(): void;
} {
  const agent = new Agent({ keepAlive: true, maxSockets: 4, ...(options.ca !== undefined ? { ca: [...rootCertificates, options.ca] } : {}) });
  return {
    close: () => agent.destroy(),
    send: (exchange) => new Promise((resolve) => {
      const secure = exchange.url.protocol === 'https:';
      const send = secure ? httpsRequest : httpRequest;
      const headers: Record<string, string> = { ...exchange.headers };
      if (exchange.body !== undefined) headers['content-length'] = String(exchange.body.length);
      let settled = false;
      const done = (value: Answer | TransportFailure): void => {
        if (settled) return;
        settled = true;
        resolve(value);
      };
      const req = send(exchange.url, { method: exchange.method, headers, ...(secure ? { agent } : {}), timeout: options.timeoutMs, ...(exchange.signal ? { signal: exchange.signal } : {}) }, (res) => {
        const declared = Number(res.headers['content-length'] ?? NaN);
        if (exchange.method !== 'HEAD' && Number.isFinite(declared) && declared > exchange.maxBytes && (res.statusCode ?? 0) < 300) {
          res.destroy();
          return done({ type: 'too-large', message: `the registry announced ${declared} bytes, over the ${exchange.maxBytes}-byte limit` });
        }
        const chunks: Buffer[] = [];
        let total = 0;
        res.on('data', (chunk: Buffer) => {
          total += chunk.length;
          // Error bodies are read too, but never past the limit either.
          if (total > exchange.maxBytes) {
            res.destroy();
            return done({ type: 'too-large', message: `the registry sent more than the ${exchange.maxBytes}-byte limit` });
          }
          chunks.push(chunk);
        });
        res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body: new Uint8Array(Buffer.concat(chunks)) }));
        res.on('error', (err) => done(classify(err)));
      });
      req.on('timeout', () => req.destroy(Object.assign(new Error(`no answer within ${options.timeoutMs} ms`), { code: 'ETIMEDOUT' })));
      req.on('error', (err) => done(classify(err)));
      req.end(exchange.body === undefined ? undefined : Buffer.from(exchange.body.buffer, exchange.body.byteOffset, exchange.body.length));
    }),
  };
}

function classify(err: Error): TransportFailure {
  const code = (err as NodeJS.ErrnoException).code ?? '';
  const message = `${err.message}${code && !err.message.includes(code) ? ` (${code})` : ''}`;
  // OpenSSL's "wrong version number" / "packet length too long": the server answered in plain HTTP.
  if (code === 'ERR_SSL_WRONG_VERSION_NUMBER' || code === 'ERR_SSL_PACKET_LENGTH_TOO_LONG' || /wrong version number|packet length too long/i.test(err.message)) {
    return { type: 'not-tls', message };
  }
  if (/CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ERR_TLS|HOSTNAME|ALTNAME/i.test(code)) return { type: 'tls', message };
  return { type: 'unavailable', message };
}

// A lean HTTP/1.1-over-TLS client for the load generator: one request in flight per connection,
// the request bytes built once, responses parsed only as far as status and Content-Length (and
// the body when asked). node:https costs several hundred µs of client CPU per request, which on a
// 2-core box would make the generator, not the server, the bottleneck.
import { connect } from 'node:tls';

/**
 * Opens a keep-alive TLS connection; `send()` resolves with the status code of the next response,
 * or with `{status, body}` when `withBody` is set. A connection the server closes (it may, after
 * answering a large review early) reconnects on the next `send()`.
 */
export function openConnection({ port, caPem, path, body, withBody = false }) {
  const head = Buffer.from(`POST ${path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: keep-alive\r\n\r\n`);
  const requestBytes = Buffer.concat([head, body]);
  let socket;
  let pending;
  let buffered = Buffer.alloc(0);
  const open = () => new Promise((resolve, reject) => {
    buffered = Buffer.alloc(0);
    const s = connect({ host: '127.0.0.1', port, servername: 'localhost', ca: caPem }, () => resolve(s));
    s.setNoDelay(true);
    s.on('data', (chunk) => {
      buffered = buffered.length ? Buffer.concat([buffered, chunk]) : chunk;
      const end = buffered.indexOf('\r\n\r\n');
      if (end < 0) return;
      const header = buffered.subarray(0, end).toString('latin1');
      const length = Number(/\r\ncontent-length: *(\d+)/i.exec(header)?.[1] ?? 0);
      if (buffered.length < end + 4 + length) return;
      const responseBody = buffered.subarray(end + 4, end + 4 + length);
      buffered = buffered.subarray(end + 4 + length);
      const status = Number(header.slice(9, 12));
      const settle = pending;
      pending = undefined;
      settle?.resolve(withBody ? { status, body: responseBody.toString('utf8') } : status);
    });
    s.on('error', (error) => { pending?.reject(error); reject(error); });
    s.on('close', () => {
      if (socket === s) socket = undefined;
      pending?.reject(new Error('connection closed'));
      pending = undefined;
    });
  });
  const connection = {
    async send() {
      socket ??= await open();
      const s = socket;
      return new Promise((res, rej) => { pending = { resolve: res, reject: rej }; s.write(requestBytes); });
    },
    close() { socket?.destroy(); },
  };
  return open().then((s) => { socket = s; return connection; });
}

// A lean HTTP/1.1-over-TLS client for the load generator: one request in flight per connection,
// the request bytes built once, responses parsed only as far as status and Content-Length.
// node:https costs several hundred µs of client CPU per request, which on a 2-core box would
// make the generator, not the server, the bottleneck.
import { connect } from 'node:tls';

/** Opens a keep-alive TLS connection; `send()` resolves with the status code of the next response. */
export function openConnection({ port, caPem, path, body }) {
  const head = Buffer.from(`POST ${path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: keep-alive\r\n\r\n`);
  const requestBytes = Buffer.concat([head, body]);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, servername: 'localhost', ca: caPem }, () => resolve(connection));
    socket.setNoDelay(true);
    let buffered = Buffer.alloc(0);
    let pending;
    socket.on('data', (chunk) => {
      buffered = buffered.length ? Buffer.concat([buffered, chunk]) : chunk;
      const end = buffered.indexOf('\r\n\r\n');
      if (end < 0) return;
      const header = buffered.subarray(0, end).toString('latin1');
      const length = Number(/\r\ncontent-length: *(\d+)/i.exec(header)?.[1] ?? 0);
      if (buffered.length < end + 4 + length) return;
      buffered = buffered.subarray(end + 4 + length);
      const status = Number(header.slice(9, 12));
      const settle = pending;
      pending = undefined;
      settle?.resolve(status);
    });
    socket.on('error', (error) => { pending?.reject(error); reject(error); });
    socket.on('close', () => pending?.reject(new Error('connection closed')));
    const connection = {
      send() {
        return new Promise((res, rej) => { pending = { resolve: res, reject: rej }; socket.write(requestBytes); });
      },
      close() { socket.destroy(); },
    };
  });
}

// Server-Sent Events for /api/events: one `snapshot` event per poll pass to every open stream, a
// comment every 15 s so proxies keep idle streams open, and nothing kept per client but the socket.
// A frame is one Buffer written to every stream: the sockets hold references to it, so 200 open
// pages cost one copy of a snapshot, not 200 (issue 12).
import type { ServerResponse } from 'node:http';

/** How often an idle stream gets a `: ping` comment. */
export const PING_MS = 15_000;

/**
 * Bytes a stream may have unsent before it is dropped: a client that stopped reading (a frozen
 * tab, a stuck proxy) must not grow the server's memory with every snapshot. EventSource then
 * reconnects and starts from the current snapshot.
 */
export const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

/** The `: ping` comment line (ignored by EventSource, keeps proxies from timing the stream out). */
export const SSE_PING = ': ping\n\n';
const PING_FRAME = Buffer.from(SSE_PING);

/**
 * One SSE frame. Every line of `data` becomes a `data:` line (the spec joins them back with
 * newlines), so a value can never end the frame early or inject a field; JSON from
 * JSON.stringify is one line, so a snapshot is a single `data:` line.
 */
export function formatSseEvent(event: string, data: string): string {
  if (/[\r\n]/.test(event)) throw new Error('an SSE event name is one line');
  return `event: ${event}\n${data.split(/\r\n|\r|\n/).map((line) => `data: ${line}`).join('\n')}\n\n`;
}

/** The open event streams. */
export class SseHub {
  readonly #clients = new Set<ServerResponse>();
  readonly #onCount: (n: number) => void;
  readonly #maxBufferedBytes: number;
  #timer: NodeJS.Timeout | undefined;

  /** `onCount` is told the number of open streams whenever it changes (orkestra_cc_sse_clients). */
  constructor(onCount: (n: number) => void = () => undefined, pingMs = PING_MS, maxBufferedBytes = MAX_BUFFERED_BYTES) {
    this.#onCount = onCount;
    this.#maxBufferedBytes = maxBufferedBytes;
    this.#timer = setInterval(() => this.#write(PING_FRAME), pingMs);
    this.#timer.unref();
  }

  /** Open streams. */
  size(): number {
    return this.#clients.size;
  }

  /**
   * Takes over a response as an event stream: writes the head (with `headers`, the security
   * headers), then `first` (the current snapshot's frame), and keeps it until the client goes.
   */
  open(res: ServerResponse, headers: Readonly<Record<string, string>>, first: Buffer): void {
    res.writeHead(200, {
      ...headers,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // nginx buffers responses unless told otherwise, which would hold events back.
      'x-accel-buffering': 'no',
    });
    res.write(first);
    this.#clients.add(res);
    this.#onCount(this.#clients.size);
    res.on('close', () => {
      if (this.#clients.delete(res)) this.#onCount(this.#clients.size);
    });
  }

  /** Sends one frame (formatSseEvent, encoded once) to every open stream. */
  broadcast(frame: Buffer): void {
    this.#write(frame);
  }

  /** Ends every stream and stops the pings (shutdown: lets the server close). */
  close(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    for (const res of this.#clients) res.end();
    this.#clients.clear();
    this.#onCount(0);
  }

  #write(frame: Buffer): void {
    for (const res of this.#clients) {
      if (res.destroyed) continue;
      if (res.writableLength > this.#maxBufferedBytes) {
        res.destroy();
        continue;
      }
      res.write(frame);
    }
  }
}

// The admission webhook server: node:https, one POST route per webhook path, and the review
// budgets of lib's ADMISSION_BUDGET enforced on the way in (spec/gateway.md §1):
//  - bytes are counted as they arrive; a body over the cap is never buffered;
//  - a small body is parsed and answered on the event loop at once; a large one waits for a
//    parse worker (review-parse-pool.ts), so small reviews never queue behind large ones;
//  - large bodies in flight are bounded in bytes; a large review that does not fit waits, its
//    connection paused after the first chunk (so TCP holds the sender back and nothing more is
//    decrypted), first come first served, for room; past `largeWaiting` waiting it is `busy` at once;
//  - every review is answered within `answerWithinMs` of its arrival, decided or not; the route
//    says what an undecided review gets (lib: by failurePolicy).
// No framework: the budget needs the body stream and the answer timing in one place.
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { peekReviewUid, type AdmissionBudget } from '@orkestra/lib/gateway';
import { MODERN_TLS } from '../tls/tls-policy.ts';
import { refuseClient, type ClientAuth } from './client-auth.ts';
import { createReviewParsePool, type ReviewBody, type ReviewParser } from './review-parse-pool.ts';

/** What a route sends back: an HTTP status and a JSON body. */
export interface WebhookReply {
  readonly status: number;
  readonly body: string;
}

/** Why the server answers without asking the route to decide. */
export type ServerUndecided = 'budget' | 'busy' | 'too-large';

/** One webhook path. */
export interface WebhookRoute {
  /** Decides a body (parsed; reduced when it was large) or answers why it is unusable. */
  answer(body: ReviewBody): WebhookReply | Promise<WebhookReply>;
  /** The reply for a review that was not decided; `uid` when the body's beginning named one. */
  undecided(uid: string | undefined, reason: ServerUndecided): WebhookReply;
  /**
   * The route reads the objects' data (issue 15: validation and mutation rules; issue 18: a
   * ConversionReview's objects), so a large body is parsed whole on a parse worker instead of
   * reduced to the envelope. Still bounded by maxBodyBytes, largeBytesInFlight and answerWithinMs.
   */
  readonly wholeBody?: boolean;
}

/** Told once per answered request. */
export interface WebhookMetricsHooks {
  /** `path` is the route (or `other`), `latencySeconds` from the request's arrival to the reply. */
  observeRequest(path: string, statusCode: number, latencySeconds: number): void;
}

/** Where the server's own lines go (rejected requests, failing routes). */
export interface WebhookLog {
  warn(msg: string, fields?: Readonly<Record<string, string | number | boolean | undefined>>): void;
  error(msg: string, fields?: Readonly<Record<string, string | number | boolean | undefined>>): void;
}

/** A serving certificate (chain allowed) and its private key, PEM. */
export interface ServingKeyPair {
  readonly cert: string;
  readonly key: string;
}

/** Options of buildWebhookServer. */
export interface WebhookServerOptions extends ServingKeyPair {
  /** Path (e.g. `/deletion-protection`) → route; each answers POST only. */
  readonly routes: Readonly<Record<string, WebhookRoute>>;
  readonly budget: AdmissionBudget;
  /** When set, only clients with a certificate from `clientAuth.caPem` get past the handshake. */
  readonly clientAuth?: ClientAuth;
  /** Idle keep-alive connections are closed after this; default 120 s (see below). */
  readonly keepAliveTimeoutMs?: number;
  /** Threads parsing large bodies; default 1. */
  readonly parseWorkers?: number;
  readonly log?: WebhookLog;
  readonly metrics?: WebhookMetricsHooks;
  /** Replaces the worker pool (tests). */
  readonly parser?: ReviewParser;
}

/** The webhook server. */
export interface WebhookServer {
  readonly server: Server;
  /** Listens; resolves with the port (0 picks a free one). */
  listen(host: string, port: number): Promise<number>;
  /** Stops listening, ends idle connections and the parse workers. */
  close(): Promise<void>;
  /**
   * Serves `pair` to every new TLS handshake from now on; open connections keep the session they
   * negotiated. Throws (and keeps the old certificate) if the pair is unusable.
   */
  reload(pair: ServingKeyPair): void;
  /** Bytes of large bodies being read or waiting for a parser now. */
  largeBytesInFlight(): number;
}

/** Error codes of the server's own (non-review) answers. */
export type WebhookErrorCode = 'body-too-large' | 'unsupported-media-type' | 'route-not-found' | 'method-not-allowed' | 'client-not-allowed' | 'internal';

// The API server's webhook client is Go's http.Transport (idle timeout 90 s by default). A server
// that drops idle connections first races the client reusing them; staying open longer leaves
// closing to the client.
const DEFAULT_KEEP_ALIVE_TIMEOUT_MS = 120_000;
// How long close() lets requests in flight finish before it closes their connections.
const CLOSE_GRACE_MS = 5_000;
// Enough of a body's beginning to hold `request.uid` (the API server writes it in the first ~100 bytes).
const PREFIX_BYTES = 4096;

/** Builds the server (not listening). */
export function buildWebhookServer(options: WebhookServerOptions): WebhookServer {
  const { budget, log, metrics } = options;
  const routes = new Map(Object.entries(options.routes));
  const parser = options.parser ?? createReviewParsePool({ workers: options.parseWorkers ?? 1, maxReducedBytes: budget.maxReducedBytes });
  const tls = (pair: ServingKeyPair) => ({
    cert: pair.cert, key: pair.key, ...MODERN_TLS,
    ...(options.clientAuth ? { requestCert: true, rejectUnauthorized: true, ca: options.clientAuth.caPem } : {}),
  });
  let largeBytes = 0;
  // Large reviews waiting for room in largeBytesInFlight, oldest first: each tries to reserve its
  // bytes and says whether it could (then it reads on).
  const waitingRoom: (() => boolean)[] = [];
  const admitWaiting = (): void => {
    while (waitingRoom.length > 0 && waitingRoom[0]!()) waitingRoom.shift();
  };

  const server = createServer(tls(options), (req, res) => {
    try {
      handle(req, res);
    } catch (err) {
      log?.error('webhook request failed', { err: err instanceof Error ? err.message : String(err) });
      if (!res.headersSent) send(res, 500, error('internal', 'the webhook server failed'), true);
    }
  });
  server.keepAliveTimeout = options.keepAliveTimeoutMs ?? DEFAULT_KEEP_ALIVE_TIMEOUT_MS;
  // Headers must come quickly; the body is bounded by answerWithinMs below.
  server.headersTimeout = 10_000;
  server.requestTimeout = 10_000;

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const startedMs = performance.now();
    const path = (req.url ?? '').split('?')[0] ?? '';
    let answered = false;
    const reply = (r: WebhookReply, close = false): void => {
      if (answered) return;
      answered = true;
      send(res, r.status, r.body, close);
      metrics?.observeRequest(routes.has(path) ? path : 'other', r.status, (performance.now() - startedMs) / 1000);
    };
    const found = routes.get(path);
    if (!found) return reply(refuse(req, 404, error('route-not-found', `no webhook at ${req.method ?? '?'} ${path}`)), true);
    if (req.method !== 'POST') return reply(refuse(req, 405, error('method-not-allowed', `${path} answers POST only`)), true);
    // Only application/json (any parameters, e.g. charset).
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json') return reply(refuse(req, 415, error('unsupported-media-type', `content type must be application/json, got ${type || 'none'}`)), true);
    const route: WebhookRoute = found;
    if (options.clientAuth) {
      const why = refuseClient(req.socket as TLSSocket, options.clientAuth);
      if (why !== undefined) return reply(refuse(req, 403, error('client-not-allowed', why)), true);
    }

    const declared = declaredLength(req);
    const prefix: Buffer[] = [];
    let prefixBytes = 0;
    const uid = (): string | undefined => peekReviewUid(Buffer.concat(prefix).toString('utf8'));
    const undecided = (reason: ServerUndecided, close: boolean): void => {
      const r = route.undecided(uid(), reason);
      log?.warn('admission review not decided', { path, reason, status: r.status, bytes: received, declared });
      reply(r, close);
    };

    // Lane and reservation: a small body is read whole and answered inline; a large one must fit the budget.
    const large = declared === undefined || declared > budget.inlineBodyBytes;
    let reserved = 0;
    const reserve = (bytes: number): boolean => {
      if (bytes <= reserved) return true;
      if (largeBytes + (bytes - reserved) > budget.largeBytesInFlight) return false;
      largeBytes += bytes - reserved;
      reserved = bytes;
      return true;
    };
    const release = (): void => {
      if (reserved === 0) return;
      largeBytes -= reserved;
      reserved = 0;
      admitWaiting();
    };
    let received = 0;
    // undefined: read on; else the reason to answer as soon as the beginning (the uid) is in.
    let stopFor: ServerUndecided | undefined = declared !== undefined && declared > budget.maxBodyBytes ? 'too-large' : undefined;
    // True while the review waits in the waiting room (its first chunk kept, the rest unread).
    let waiting = false;
    const wake = (): boolean => {
      if (answered) return true;
      if (!reserve(Math.max(declared ?? budget.inlineBodyBytes, received))) return false;
      waiting = false;
      req.resume();
      return true;
    };
    if (stopFor === undefined && large && !reserve(declared ?? budget.inlineBodyBytes)) {
      if (waitingRoom.length < budget.largeWaiting) {
        waiting = true;
        waitingRoom.push(wake);
      } else {
        stopFor = 'busy';
      }
    }

    let complete = false;
    const chunks: Buffer[] = [];
    // Aborted once the review is answered: a body still waiting for a parser leaves the queue.
    // Made only for a body that goes to the parser: aborting one builds a DOMException with a
    // stack, which at thousands of small reviews a second was 3% of the event loop's time.
    let done: AbortController | undefined;
    let parsing = false;
    const deadline = setTimeout(() => {
      if (answered) return;
      // Still receiving (or never given room): the rest is not worth reading.
      undecided(waiting ? 'busy' : 'budget', !complete);
    }, budget.answerWithinMs);
    const settle = (): void => {
      clearTimeout(deadline);
      if (waiting) {
        waiting = false;
        const at = waitingRoom.indexOf(wake);
        if (at >= 0) waitingRoom.splice(at, 1);
      }
      done?.abort();
      // A body a worker is parsing keeps its bytes counted until the worker lets go of it.
      if (!parsing) release();
    };
    res.on('close', settle);

    req.on('data', (chunk: Buffer) => {
      if (answered) return;
      received += chunk.length;
      if (prefixBytes < PREFIX_BYTES) {
        prefix.push(chunk.subarray(0, PREFIX_BYTES - prefixBytes));
        prefixBytes += Math.min(chunk.length, PREFIX_BYTES - prefixBytes);
      }
      if (stopFor === undefined && received > budget.maxBodyBytes) stopFor = 'too-large';
      if (stopFor === undefined && waiting) {
        // Its uid is in this chunk; the rest stays with the sender until there is room.
        chunks.push(chunk);
        req.pause();
        return;
      }
      if (stopFor === undefined && large && !reserve(received)) stopFor = 'busy';
      if (stopFor !== undefined) {
        // The rest of the body is never read: answer now and drop the connection.
        chunks.length = 0;
        undecided(stopFor, true);
        req.pause();
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', () => settle());
    req.on('end', () => {
      complete = true;
      if (answered) return;
      const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, received);
      chunks.length = 0;
      if (!large || received <= budget.inlineBodyBytes) {
        release();
        return decide(inlineParse(body));
      }
      parsing = true;
      done = new AbortController();
      void parser.parse(body, done.signal, { whole: route.wholeBody === true }).then((parsed) => {
        parsing = false;
        release();
        if (parsed !== undefined) decide(parsed);
      });
    });

    function decide(body: ReviewBody): void {
      if (answered) return;
      let r: WebhookReply | Promise<WebhookReply>;
      try {
        r = route.answer(body);
      } catch (err) {
        return failed(err);
      }
      if (isPromise(r)) r.then((x) => reply(x), failed);
      else reply(r);
    }
    function failed(err: unknown): void {
      log?.error('admission handler failed', { path, err: err instanceof Error ? err.message : String(err) });
      reply({ status: 500, body: error('internal', 'the admission handler failed') });
    }
  }

  function refuse(req: IncomingMessage, status: number, body: string): WebhookReply {
    log?.warn('webhook request refused', { method: req.method, url: (req.url ?? '').slice(0, 200), status });
    return { status, body };
  }

  return {
    server,
    listen: (host, port) => new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve((server.address() as AddressInfo).port);
      });
    }),
    async close() {
      // Issue 18: the API server keeps its keep-alive connections busy with ConversionReviews (its
      // own controllers read custom resources through /convert), so a connection idle for a
      // moment is closed as soon as it is, and whatever is still open after the grace period is
      // closed (the API server retries a conversion on another replica or connection).
      await new Promise<void>((resolve) => {
        const idle = setInterval(() => server.closeIdleConnections(), 100);
        const hard = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
        server.close(() => {
          clearInterval(idle);
          clearTimeout(hard);
          resolve();
        });
        server.closeIdleConnections();
      });
      await parser.close();
    },
    reload(pair) {
      // setSecureContext replaces the whole context: every option is repeated.
      server.setSecureContext(tls(pair));
    },
    largeBytesInFlight: () => largeBytes,
  };
}

function declaredLength(req: IncomingMessage): number | undefined {
  const v = req.headers['content-length'];
  if (v === undefined || !/^\d{1,15}$/.test(v)) return undefined;
  return Number(v);
}

function inlineParse(body: Buffer): ReviewBody {
  try {
    return { type: 'json', value: JSON.parse(body.toString('utf8')) as unknown };
  } catch {
    return { type: 'unreadable', message: 'body is not valid JSON' };
  }
}

function isPromise<T>(x: T | Promise<T>): x is Promise<T> {
  return typeof (x as { then?: unknown }).then === 'function';
}

function error(code: WebhookErrorCode, message: string): string {
  return JSON.stringify({ error: code, message });
}

function send(res: ServerResponse, status: number, body: string, close: boolean): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    ...(close ? { connection: 'close' } : {}),
  });
  res.end(body);
}

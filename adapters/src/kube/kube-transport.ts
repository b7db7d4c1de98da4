// HTTP to the API server with client-node used for config and auth only: its typed clients
// drop unknown fields and turn timestamps into Dates, and its 1.4 watch is not self-healing
// (reference/ecosystem.md §0, §4), so requests and watch streams are ours, as raw JSON.
import type { Agent, IncomingMessage } from 'node:http';
import { request as httpRequest } from 'node:http';
import type { AgentOptions, RequestOptions } from 'node:https';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { type ClusterError, errorTypeForStatus } from '@orkestra/lib/ports';
import { authOptions } from './auth-options.ts';
import { readinessGate, type ProbeAnswer, type ReadinessGate } from './readiness-gate.ts';
import type { RequestMetrics } from './request-metrics.ts';

/** One API request. */
export interface KubeRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path and query, such as `/api/v1/namespaces/a/configmaps?limit=500`. */
  readonly path: string;
  readonly body?: unknown;
  readonly contentType?: string;
  readonly accept?: string;
  /** A readiness probe: counted, but its 403s (cold RBAC caches) are not the runtime's RBAC failing. */
  readonly probe?: boolean;
}

/** A response whose body was read whole, or why there was none. */
export type KubeResponse = { readonly ok: true; readonly status: number; readonly body: unknown } | { readonly ok: false; readonly error: ClusterError };

/** Sends requests to the current context's API server. */
export interface KubeTransport {
  readonly host: string;
  /** Fails requests fast after a connection failure until /readyz answers 200. */
  readonly gate: ReadinessGate;
  /** Sends a request and reads the whole JSON answer; 4xx/5xx become ClusterErrors. */
  send(request: KubeRequest, signal?: AbortSignal): Promise<KubeResponse>;
  /** Opens a streaming GET; resolves with the 200 response, or an error (read from a non-200 body). */
  open(request: KubeRequest, signal: AbortSignal): Promise<{ readonly ok: true; readonly response: IncomingMessage } | { readonly ok: false; readonly error: ClusterError }>;
}

const REQUEST_TIMEOUT_MS = 30_000;

/** Creates a transport for `kubeConfig`'s current context, counting every request in `metrics`. */
export function kubeTransport(kubeConfig: KubeConfig, metrics: RequestMetrics, { requestTimeoutMs = REQUEST_TIMEOUT_MS } = {}): KubeTransport {
  const cluster = kubeConfig.getCurrentCluster();
  if (!cluster) throw new Error('the kubeconfig has no current cluster');
  const server = new URL(cluster.server);
  const secure = server.protocol === 'https:';
  const host = server.host;
  const basePath = server.pathname.replace(/\/$/, '');
  // client-node builds a new Agent (without keep-alive) on every applyToHTTPSOptions call. We keep
  // one: our own keep-alive agent with the same TLS material, or client-node's when it speaks
  // through a proxy, so connections are reused and no agent is created per request.
  let agent: Agent | undefined;
  // Exec and auth-provider credentials are refreshed per request; the rest is applied once.
  const auth = authOptions(kubeConfig);

  async function options(req: KubeRequest, body: string | undefined): Promise<RequestOptions> {
    const opts = await auth();
    agent ??= cluster?.proxyUrl || !secure ? (opts.agent as Agent | undefined) : keepAliveAgent(opts);
    const headers: Record<string, string> = { ...(opts.headers as Record<string, string> | undefined), accept: req.accept ?? 'application/json' };
    if (body !== undefined) {
      headers['content-type'] = req.contentType ?? 'application/json';
      // Without a length Node sends the body chunked, and the API server ignores a chunked DELETE body.
      headers['content-length'] = String(Buffer.byteLength(body));
    }
    return {
      ...opts, agent: agent ?? false, method: req.method, headers,
      protocol: server.protocol, hostname: server.hostname, port: server.port || (secure ? 443 : 80), path: basePath + req.path,
    };
  }

  // The probe goes around the gate (it is what opens it) and is counted like any request.
  async function probe(): Promise<ProbeAnswer> {
    const r = await rawOpen({ method: 'GET', path: '/readyz', accept: 'text/plain', probe: true }, AbortSignal.timeout(5_000));
    if (r.ok) {
      r.response.resume();
      return 'ready';
    }
    const status = r.error.status;
    if (status === undefined || status >= 500) return 'not-ready';
    return status === 401 || status === 403 ? 'denied' : 'unknown';
  }
  const gate = readinessGate({ probe, sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms).unref()) });

  async function open(req: KubeRequest, signal: AbortSignal): Promise<{ ok: true; response: IncomingMessage } | { ok: false; error: ClusterError }> {
    if (!gate.isOpen()) return { ok: false, error: { type: 'unavailable', message: 'the API server is not ready: waiting for /readyz after a lost connection' } };
    const r = await rawOpen(req, signal);
    // No connection, or an API server shutting down: fail fast until it is ready again.
    if (!r.ok && !signal.aborted && (r.error.status === undefined || r.error.status === 503)) gate.lost();
    return r;
  }

  function rawOpen(req: KubeRequest, signal: AbortSignal): Promise<{ ok: true; response: IncomingMessage } | { ok: false; error: ClusterError }> {
    // Serialised once: its length goes in a header before it is written.
    const body = req.body === undefined ? undefined : bodyText(req.body);
    return new Promise((resolve) => {
      options(req, body).then((opts) => {
        if (signal.aborted) return resolve({ ok: false, error: aborted() });
        const r = (secure ? httpsRequest : httpRequest)({ ...opts, signal }, (response) => {
          const status = response.statusCode ?? 0;
          metrics.record(req.method, String(status), host, req.probe ? 'probe' : 'api');
          if (status >= 200 && status < 300) return resolve({ ok: true, response });
          readAll(response).then((text) => resolve({ ok: false, error: statusError(status, text) }), (cause) => resolve({ ok: false, error: networkError(cause) }));
        });
        r.on('error', (cause) => {
          if (!signal.aborted) metrics.record(req.method, '<error>', host);
          resolve({ ok: false, error: signal.aborted ? aborted() : networkError(cause) });
        });
        if (body !== undefined) r.write(body);
        r.end();
      }, (cause: unknown) => resolve({ ok: false, error: { type: 'unavailable', message: `kubeconfig auth failed: ${String(cause)}`, cause } }));
    });
  }

  return {
    host,
    gate,
    open,
    async send(req, signal) {
      // A timer cleared once the answer is read, not AbortSignal.timeout (+ AbortSignal.any): that
      // one still fires 30 s after every finished request, building a DOMException and running
      // abort listeners each time (~2% of the runtime's CPU in bench/runtime's profile).
      const ctl = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        ctl.abort();
      }, requestTimeoutMs);
      timer.unref();
      const forward = (): void => ctl.abort(signal?.reason);
      if (signal?.aborted) forward();
      else signal?.addEventListener('abort', forward, { once: true });
      const noAnswer = (): KubeResponse => ({ ok: false, error: { type: 'unavailable', message: `${req.method} ${req.path}: no answer in ${requestTimeoutMs} ms` } });
      try {
        const opened = await open(req, ctl.signal);
        if (!opened.ok) return timedOut ? noAnswer() : opened;
        const text = await readAll(opened.response);
        return { ok: true, status: opened.response.statusCode ?? 0, body: text ? JSON.parse(text) : undefined };
      } catch (cause) {
        return timedOut ? noAnswer() : { ok: false, error: networkError(cause) };
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener('abort', forward);
      }
    },
  };
}

/** Turns a non-2xx answer (usually a Kubernetes Status) into a ClusterError. */
export function statusError(status: number, text: string): ClusterError {
  let message = text.trim().slice(0, 1000) || `HTTP ${status}`;
  let reason: string | undefined;
  try {
    const s = JSON.parse(text) as { message?: unknown; reason?: unknown };
    if (typeof s.message === 'string') message = s.message;
    if (typeof s.reason === 'string') reason = s.reason;
  } catch {
    // Not a Status object (a proxy's HTML page, say): keep the text.
  }
  return { type: errorTypeForStatus(status), status, message, ...(reason ? { reason } : {}) };
}

function keepAliveAgent(opts: RequestOptions): Agent {
  const tls: AgentOptions = { keepAlive: true };
  if (opts.ca !== undefined) tls.ca = opts.ca;
  if (opts.cert !== undefined) tls.cert = opts.cert;
  if (opts.key !== undefined) tls.key = opts.key;
  if (opts.pfx !== undefined) tls.pfx = opts.pfx;
  if (opts.passphrase !== undefined) tls.passphrase = opts.passphrase;
  if (opts.servername !== undefined) tls.servername = opts.servername;
  if (opts.rejectUnauthorized !== undefined) tls.rejectUnauthorized = opts.rejectUnauthorized;
  return new HttpsAgent(tls);
}

function bodyText(body: unknown): string {
  return typeof body === 'string' ? body : JSON.stringify(body);
}

function networkError(cause: unknown): ClusterError {
  return { type: 'unavailable', message: cause instanceof Error ? cause.message : String(cause), cause };
}

function aborted(): ClusterError {
  return { type: 'unavailable', message: 'request aborted' };
}

async function readAll(stream: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

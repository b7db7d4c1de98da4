// The RegistryClient port over the OCI distribution HTTP API (distribution-spec v1.1): one host,
// HTTPS unless plain HTTP was asked for (a loopback host may fall back to it, as docker allows),
// Basic or Bearer-token auth answered on the first 401 and reused, and every error a value.
import { isLoopbackHost, MANIFEST_ACCEPT, parseAuthChallenge } from '@orkestra/lib/registry';
import type { RegistryClient, RegistryError, RegistryResult } from '@orkestra/lib/ports';
import type { IncomingHttpHeaders } from 'node:http';
import type { Credentials, CredentialLookup } from './docker-credentials.ts';
import { createTransport, type Answer, type Exchange, type TransportFailure } from './http-exchange.ts';

/** How to reach one registry. */
export interface RegistryClientOptions {
  /** `host` or `host:port`, as in the reference. */
  readonly host: string;
  /** Speak plain HTTP (`--plain-http`). */
  readonly plainHttp?: boolean;
  /** Extra CA (PEM) trusted for this registry, besides the public ones. */
  readonly ca?: string;
  /** Looked up on a 401 (each time, so rotated credentials are seen). */
  readonly credentials: () => Promise<CredentialLookup>;
  readonly timeoutMs?: number;
}

/** A RegistryClient plus `close()` for its sockets. */
export interface RegistryHttpClient extends RegistryClient {
  close(): void;
}

const ERROR_BODY_BYTES = 64 * 1024;
const TOKEN_BODY_BYTES = 1024 * 1024;

/** Builds the client; no request is made until a method is called. */
export function registryHttpClient(options: RegistryClientOptions): RegistryHttpClient {
  const transport = createTransport({ ...(options.ca !== undefined ? { ca: options.ca } : {}), timeoutMs: options.timeoutMs ?? 30_000 });
  let scheme: 'https' | 'http' = options.plainHttp ? 'http' : 'https';
  // The Authorization header that worked last, per scope (Basic: one for all; Bearer: per repository and action).
  const authorization = new Map<string, string>();
  let basic: string | undefined;

  const url = (path: string): URL => new URL(`${scheme}://${options.host}${path}`);

  async function send(exchange: Exchange): Promise<Answer | TransportFailure> {
    const answer = await transport.send(exchange);
    if ('type' in answer && answer.type === 'not-tls' && exchange.url.protocol === 'https:') {
      if (!isLoopbackHost(options.host)) {
        return { type: 'not-tls', message: `${options.host} does not speak HTTPS (${answer.message})` };
      }
      // docker's rule: a loopback registry may be plain HTTP without being told.
      scheme = 'http';
      return transport.send({ ...exchange, url: new URL(exchange.url.href.replace(/^https:/, 'http:')) });
    }
    return answer;
  }

  /** Sends with the cached authorization for `scope`; on a 401 answers the challenge once and retries. */
  async function call(method: Exchange['method'], path: string, scope: string, init: { headers?: Record<string, string>; body?: Uint8Array; maxBytes: number; signal?: AbortSignal }): Promise<Answer | RegistryError> {
    const exchange = (auth: string | undefined, target = url(path)): Exchange => ({
      method, url: target, maxBytes: init.maxBytes,
      headers: { ...init.headers, ...(auth !== undefined ? { authorization: auth } : {}) },
      ...(init.body !== undefined ? { body: init.body } : {}), ...(init.signal ? { signal: init.signal } : {}),
    });
    let answer = await follow(exchange, authorization.get(scope) ?? basic);
    if ('type' in answer) return transportError(answer);
    if (answer.status === 401) {
      const auth = await authorize(answer.headers, scope, init.signal);
      if (typeof auth !== 'string') return auth;
      answer = await follow(exchange, auth);
      if ('type' in answer) return transportError(answer);
      if (answer.status === 401) {
        authorization.delete(scope);
        return { type: 'unauthorized', status: 401, message: `credentials rejected: ${describe(answer)}` };
      }
    }
    return answer;
  }

  /** Follows up to 5 redirects (blob storage); Authorization goes only to the registry's own host. */
  async function follow(make: (auth: string | undefined, target?: URL) => Exchange, auth: string | undefined): Promise<Answer | TransportFailure> {
    let exchange = make(auth);
    for (let hop = 0; ; hop++) {
      const answer = await send(exchange);
      if ('type' in answer || ![301, 302, 303, 307, 308].includes(answer.status) || hop >= 5 || answer.headers.location === undefined) return answer;
      const next = new URL(answer.headers.location, exchange.url);
      exchange = make(next.host === options.host ? auth : undefined, next);
    }
  }

  async function authorize(headers: IncomingHttpHeaders, scope: string, signal?: AbortSignal): Promise<string | RegistryError> {
    const challenge = parseAuthChallenge(headerOf(headers, 'www-authenticate'));
    const lookup = await options.credentials();
    if (lookup.type === 'error') return { type: 'unauthorized', status: 401, code: 'CREDENTIALS', message: lookup.message };
    const creds = lookup.type === 'found' ? lookup.credentials : undefined;
    if (challenge?.scheme === 'bearer') {
      const token = await fetchToken(challenge, scope, creds, signal);
      if (typeof token !== 'string') return token;
      authorization.set(scope, `Bearer ${token}`);
      return `Bearer ${token}`;
    }
    if (challenge?.scheme === 'unsupported') return { type: 'unauthorized', status: 401, message: `the registry asks for ${challenge.name} authentication, which is not supported` };
    if (!creds) return { type: 'unauthorized', status: 401, message: `authentication required and no credentials for ${options.host} were found` };
    basic = `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}`;
    return basic;
  }

  async function fetchToken(challenge: { realm: string; service?: string; scope?: string }, scope: string, creds: Credentials | undefined, signal?: AbortSignal): Promise<string | RegistryError> {
    let realm: URL;
    try {
      realm = new URL(challenge.realm);
    } catch {
      return { type: 'unauthorized', status: 401, message: `the registry's token realm "${challenge.realm}" is not a URL` };
    }
    if (challenge.service !== undefined) realm.searchParams.set('service', challenge.service);
    realm.searchParams.set('scope', challenge.scope ?? scope);
    const answer = await send({
      method: 'GET', url: realm, maxBytes: TOKEN_BODY_BYTES, ...(signal ? { signal } : {}),
      headers: creds ? { authorization: `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}` } : {},
    });
    if ('type' in answer) return transportError(answer);
    if (answer.status === 401 || answer.status === 403) return { type: 'unauthorized', status: answer.status, message: `the token service refused the credentials: ${describe(answer)}` };
    if (answer.status !== 200) return { type: 'unavailable', status: answer.status, message: `the token service answered ${answer.status}` };
    try {
      const body = JSON.parse(Buffer.from(answer.body).toString('utf8')) as { token?: unknown; access_token?: unknown };
      const token = typeof body.token === 'string' ? body.token : body.access_token;
      if (typeof token === 'string' && token !== '') return token;
    } catch { /* reported below */ }
    return { type: 'unavailable', message: 'the token service answered without a token' };
  }

  const manifestPath = (repository: string, reference: string): string => `/v2/${repository}/manifests/${reference}`;
  const pullScope = (repository: string): string => `repository:${repository}:pull`;
  const pushScope = (repository: string): string => `repository:${repository}:pull,push`;
  const signalOf = (signal: unknown): { signal?: AbortSignal } => (signal ? { signal: signal as AbortSignal } : {});

  return {
    close: () => transport.close(),
    async headManifest(repository, reference, signal) {
      const answer = await call('HEAD', manifestPath(repository, reference), pullScope(repository), { headers: { accept: MANIFEST_ACCEPT }, maxBytes: 0, ...signalOf(signal) });
      if (!isAnswer(answer)) return failed(answer);
      if (answer.status !== 200) return failed(statusError(answer, `HEAD ${reference}`));
      const digest = headerOf(answer.headers, 'docker-content-digest');
      return { ok: true, value: { ...(digest ? { digest } : {}), mediaType: headerOf(answer.headers, 'content-type') ?? '', size: Number(answer.headers['content-length'] ?? 0) } };
    },
    async fetchManifest(repository, reference, maxBytes, signal) {
      const answer = await call('GET', manifestPath(repository, reference), pullScope(repository), { headers: { accept: MANIFEST_ACCEPT }, maxBytes, ...signalOf(signal) });
      if (!isAnswer(answer)) return failed(answer);
      if (answer.status !== 200) return failed(statusError(answer, `manifest ${reference}`));
      const digest = headerOf(answer.headers, 'docker-content-digest');
      return { ok: true, value: { ...(digest ? { digest } : {}), mediaType: headerOf(answer.headers, 'content-type') ?? '', size: answer.body.length, bytes: answer.body } };
    },
    async fetchBlob(repository, digest, maxBytes, signal) {
      const answer = await call('GET', `/v2/${repository}/blobs/${digest}`, pullScope(repository), { maxBytes, ...signalOf(signal) });
      if (!isAnswer(answer)) return failed(answer);
      if (answer.status !== 200) return failed(statusError(answer, `blob ${digest}`));
      return { ok: true, value: answer.body };
    },
    async pushBlob(repository, digest, bytes, signal) {
      const scope = pushScope(repository);
      const head = await call('HEAD', `/v2/${repository}/blobs/${digest}`, scope, { maxBytes: 0, ...signalOf(signal) });
      if (!isAnswer(head)) return failed(head);
      if (head.status === 200) return { ok: true, value: { existed: true } };
      const start = await call('POST', `/v2/${repository}/blobs/uploads/`, scope, { maxBytes: ERROR_BODY_BYTES, body: new Uint8Array(0), ...signalOf(signal) });
      if (!isAnswer(start)) return failed(start);
      const location = headerOf(start.headers, 'location');
      if (start.status !== 202 || location === undefined) return failed(statusError(start, 'starting an upload'));
      const target = new URL(location, url('/'));
      target.searchParams.set('digest', digest);
      const put = await call('PUT', `${target.pathname}${target.search}`, scope, {
        headers: { 'content-type': 'application/octet-stream' }, body: bytes, maxBytes: ERROR_BODY_BYTES, ...signalOf(signal),
      });
      if (!isAnswer(put)) return failed(put);
      if (put.status !== 201) return failed(statusError(put, `uploading blob ${digest}`));
      return { ok: true, value: { existed: false } };
    },
    async pushManifest(repository, reference, mediaType, bytes, signal) {
      const answer = await call('PUT', manifestPath(repository, reference), pushScope(repository), {
        headers: { 'content-type': mediaType }, body: bytes, maxBytes: ERROR_BODY_BYTES, ...signalOf(signal),
      });
      if (!isAnswer(answer)) return failed(answer);
      if (answer.status !== 201) return failed(statusError(answer, `manifest ${reference}`));
      const digest = headerOf(answer.headers, 'docker-content-digest');
      return { ok: true, value: digest ? { digest } : {} };
    },
  };

  function transportError(failure: TransportFailure): RegistryError {
    switch (failure.type) {
      case 'not-tls':
        return { type: 'plain-http', message: failure.message };
      case 'tls':
        return { type: 'tls', message: `TLS with ${options.host} failed: ${failure.message}` };
      case 'too-large':
        return { type: 'too-large', message: failure.message };
      default:
        return { type: 'unavailable', message: `${options.host}: ${failure.message}` };
    }
  }
}

function isAnswer(value: Answer | RegistryError): value is Answer {
  return 'status' in value && 'body' in value;
}

function failed<T>(error: RegistryError): RegistryResult<T> {
  return { ok: false, error };
}

function headerOf(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The distribution error body's first `CODE: message`, or the status line. */
function describe(answer: Answer): string {
  try {
    const body = JSON.parse(Buffer.from(answer.body).toString('utf8')) as { errors?: { code?: string; message?: string }[] };
    const first = body.errors?.[0];
    if (first?.code) return `${first.code}: ${first.message ?? ''}`.trim();
  } catch { /* not JSON */ }
  return `HTTP ${answer.status}`;
}

function statusError(answer: Answer, what: string): RegistryError {
  let code: string | undefined;
  try {
    code = (JSON.parse(Buffer.from(answer.body).toString('utf8')) as { errors?: { code?: string }[] }).errors?.[0]?.code;
  } catch { /* HEAD or not JSON */ }
  const base = { status: answer.status, ...(code !== undefined ? { code } : {}), message: `${what}: ${describe(answer)}` };
  if (answer.status === 404) return { type: 'not-found', ...base };
  if (answer.status === 401) return { type: 'unauthorized', ...base };
  if (answer.status === 403) return { type: 'denied', ...base };
  if (answer.status === 413) return { type: 'too-large', ...base };
  if (answer.status === 429 || answer.status >= 500) return { type: 'unavailable', ...base };
  return { type: 'invalid', ...base };
}

// Real HTTPS clients for the webhook server tests: keep-alive agents and single-shot TLS probes.
import { Agent, request } from 'node:https';
import { connect } from 'node:tls';
import type { TLSSocket } from 'node:tls';
import { systemClock } from '../system/index.ts';
import { generateCa, generateServingCert } from '../tls/index.ts';
import type { PemKeyPair } from '../tls/index.ts';
import type { WebhookServer } from './build-webhook-server.ts';

export interface Answer {
  readonly status: number;
  readonly body: string;
  readonly socket: TLSSocket;
}

/** A CA and a localhost serving certificate valid around the real clock (TLS clients check it). */
export async function servingPair(): Promise<{ ca: PemKeyPair; leaf: PemKeyPair }> {
  const nowMs = systemClock.now();
  const ca = await generateCa({ commonName: 'test-ca', validForMs: 3_600_000, nowMs });
  const leaf = await generateServingCert({ ca, dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'], validForMs: 3_600_000, nowMs });
  return { ca, leaf };
}

export function listen(server: WebhookServer): Promise<number> {
  return server.listen('127.0.0.1', 0);
}

/** POSTs `body` over `agent` (keep-alive) and resolves with the status, body and the socket used. */
export function post(agent: Agent, port: number, path: string, body: string | Buffer, contentType: string | undefined = 'application/json', method = 'POST'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { 'content-length': Buffer.byteLength(body) };
    if (contentType !== undefined) headers['content-type'] = contentType;
    const req = request({ host: '127.0.0.1', port, path, method, agent, servername: 'localhost', headers }, (res) => {
      // A keep-alive agent takes the socket back once the response ends: hold on to it now.
      const socket = res.socket as TLSSocket;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), socket }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Opens a fresh TLS connection and returns the fingerprint of the certificate the server presents. */
export function peerFingerprint(port: number, ca: string | string[]): Promise<{ fingerprint: string; protocol: string | null }> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, servername: 'localhost', ca, ALPNProtocols: ['http/1.1'] }, () => {
      const result = { fingerprint: socket.getPeerCertificate().fingerprint256, protocol: socket.getProtocol() };
      socket.end();
      resolve(result);
    });
    socket.on('error', reject);
  });
}

export interface LogLine {
  readonly level: string;
  readonly message: string;
  readonly fields: Readonly<Record<string, unknown>> | undefined;
}

/** A logger that keeps what it is told. */
export function captureLogger(lines: LogLine[]): { warn(msg: string, fields?: Record<string, unknown>): void; error(msg: string, fields?: Record<string, unknown>): void } {
  return {
    warn: (message, fields) => { lines.push({ level: 'warn', message, fields }); },
    error: (message, fields) => { lines.push({ level: 'error', message, fields }); },
  };
}

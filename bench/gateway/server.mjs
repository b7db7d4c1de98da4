// A bare webhook server for the direct benchmark (`--server bare`): certificates, the adapters'
// buildWebhookServer, one `decide(review)` handler (`--handler`, default allow-all). Sends
// {type: 'listening', port, caPem} over IPC when listening; exits on SIGTERM. Server-side
// latencies (fastify's request start → response sent) through latency-window.mjs.
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { generateCa, generateServingCert } from '@orkestra/adapters/tls';
import { buildWebhookServer } from '@orkestra/adapters/webhook';
import { latencyWindow } from './latency-window.mjs';

const { values } = parseArgs({ options: { handler: { type: 'string', default: new URL('./allow-all.mjs', import.meta.url).pathname } } });
const { decide } = await import(pathToFileURL(resolve(values.handler)).href);

const nowMs = Date.now();
const ca = await generateCa({ commonName: 'bench-ca', validForMs: 3_600_000, nowMs });
const leaf = await generateServingCert({ ca, dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'], validForMs: 3_600_000, nowMs });
const window = latencyWindow();
const server = buildWebhookServer({
  cert: leaf.certPem, key: leaf.keyPem, bodyLimitBytes: 4 * 1024 * 1024,
  handlers: { '/deletion-protection': decide },
  metrics: { observeRequest: (_webhook, _code, seconds) => { window.add(seconds * 1000); } },
});
process.on('message', (message) => process.send(window.answer(message)));
await server.app.listen({ host: '127.0.0.1', port: 0 });
process.send({ type: 'listening', port: server.app.server.address().port, caPem: ca.certPem });
process.on('SIGTERM', () => { void server.app.close().then(() => process.exit(0)); });

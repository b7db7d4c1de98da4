// The gateway side of the direct benchmark: certificates, the webhook server, one handler.
// Prints one JSON line {port, caPem} on stdout when listening; exits on SIGTERM. Over IPC,
// 'reset' starts a new window of server-side latencies (fastify's request start → response
// sent, through the metrics hook) and 'stats' answers its p50/p99/max.
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { generateCa, generateServingCert } from '@orkestra/adapters/tls';
import { buildWebhookServer } from '@orkestra/adapters/webhook';

const { values } = parseArgs({ options: { handler: { type: 'string', default: new URL('./allow-all.mjs', import.meta.url).pathname } } });
const { decide } = await import(pathToFileURL(resolve(values.handler)).href);

const nowMs = Date.now();
const ca = await generateCa({ commonName: 'bench-ca', validForMs: 3_600_000, nowMs });
const leaf = await generateServingCert({ ca, dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'], validForMs: 3_600_000, nowMs });
const server = buildWebhookServer({
  cert: leaf.certPem, key: leaf.keyPem, bodyLimitBytes: 4 * 1024 * 1024,
  handlers: { '/validate/deletion-protection': decide },
  metrics: { observeRequest: (_webhook, _code, seconds) => { window.push(seconds * 1000); } },
});
let window = [];
process.on('message', (message) => {
  if (message === 'reset') { window = []; process.send({ type: 'reset' }); return; }
  const sorted = Float64Array.from(window).sort();
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  process.send({ type: 'stats', count: sorted.length, p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1] });
});
await server.app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(JSON.stringify({ port: server.app.server.address().port, caPem: ca.certPem }) + '\n');
process.on('SIGTERM', () => { void server.app.close().then(() => process.exit(0)); });

// A bare webhook server for the direct benchmark (`--server bare`): certificates, the adapters'
// buildWebhookServer, one `decide(review)` handler (`--handler`, default allow-all). Sends
// {type: 'listening', port, caPem} over IPC when listening; exits on SIGTERM. Server-side
// latencies (request arrival → response sent) through latency-window.mjs.
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { generateCa, generateServingCert } from '@orkestra/adapters/tls';
import { buildWebhookServer } from '@orkestra/adapters/webhook';
import { ADMISSION_BUDGET } from '@orkestra/lib/gateway';
import { latencyWindow } from './latency-window.mjs';

const { values } = parseArgs({ options: { handler: { type: 'string', default: new URL('./allow-all.mjs', import.meta.url).pathname } } });
const { decide } = await import(pathToFileURL(resolve(values.handler)).href);

const nowMs = Date.now();
const ca = await generateCa({ commonName: 'bench-ca', validForMs: 3_600_000, nowMs });
const leaf = await generateServingCert({ ca, dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'], validForMs: 3_600_000, nowMs });
const window = latencyWindow();
const route = {
  answer: (body) => (body.type === 'json' ? { status: 200, body: JSON.stringify(decide(body.value)) } : { status: 400, body: JSON.stringify({ error: body.message }) }),
  undecided: (uid, reason) => ({ status: 503, body: JSON.stringify({ error: reason, uid }) }),
};
const server = buildWebhookServer({
  cert: leaf.certPem, key: leaf.keyPem, budget: ADMISSION_BUDGET,
  routes: { '/deletion-protection': route },
  metrics: { observeRequest: (_webhook, _code, seconds) => { window.add(seconds * 1000); } },
});
process.on('message', (message) => process.send(window.answer(message)));
const port = await server.listen('127.0.0.1', 0);
process.send({ type: 'listening', port, caPem: ca.certPem });
process.on('SIGTERM', () => { void server.close().then(() => process.exit(0)); });

// The gateway side of the direct benchmark, on the app's own serving path: serveWebhooks (the
// review budget: small bodies inline, large ones on the parse worker), admissionHandlers (lib's deletion protection on
// examples/gateway, stats, one JSON log line per denial) and the Prometheus metrics, wired as
// apps/gateway/src/main.ts wires them. Only the Kubernetes parts (certificates in a Secret,
// webhook configurations, housekeeper) are left out: they are not on the request path.
// Log lines go to stdout (the parent points it at a file, as a container runtime would);
// {port, caPem} and the latency window go over IPC, as in server.mjs.
import { readFileSync } from 'node:fs';
import { createLogger } from '@orkestra/adapters/process';
import { systemClock } from '@orkestra/adapters/system';
import { generateCa, generateServingCert } from '@orkestra/adapters/tls';
import { parseKatalog } from '@orkestra/lib';
import { planGatewayPolicy } from '@orkestra/lib/gateway';
import { admissionHandlers } from '../../apps/gateway/dist/admission.js';
import { createGatewayMetrics } from '../../apps/gateway/dist/gateway-metrics.js';
import { serveWebhooks } from '../../apps/gateway/dist/serve-webhooks.js';
import { latencyWindow } from './latency-window.mjs';

const file = new URL('../../examples/gateway/katalog.yaml', import.meta.url).pathname;
const { katalog } = parseKatalog({ file, text: readFileSync(file, 'utf8') });
const policy = planGatewayPolicy(katalog, 'orkestra-system');

const nowMs = Date.now();
const ca = await generateCa({ commonName: 'bench-ca', validForMs: 3_600_000, nowMs });
const leaf = await generateServingCert({ ca, dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'], validForMs: 3_600_000, nowMs });

const log = createLogger('info', systemClock, (line) => process.stdout.write(line));
const metrics = createGatewayMetrics();
const { routes } = admissionHandlers(policy, log.child({ component: 'admission' }), {
  decision: (webhook, allowed) => metrics.observeDecision(webhook, allowed),
  undecided: (webhook, reason) => metrics.observeUndecided(webhook, reason),
});
const window = latencyWindow();
const served = await serveWebhooks({
  pair: leaf, routes, host: '127.0.0.1', port: 0, log: log.child({ component: 'webhook' }),
  observe: (webhook, code, seconds) => { metrics.observeRequest(webhook, code, seconds); window.add(seconds * 1000); },
});
if ('error' in served) throw new Error(served.error);
process.on('message', (message) => process.send(window.answer(message)));
process.send({ type: 'listening', port: served.port, caPem: ca.certPem });
process.on('SIGTERM', () => { void served.close().then(() => process.exit(0)); });

#!/usr/bin/env node
// Certificate generation in process (performance.md §3.4: ECDSA P-256 CA + leaf ≤ 5 ms per pair),
// and RSA-2048 for comparison with the event loop's largest stall while it runs. Not a test.
//   node bench/gateway/certs.mjs [--pairs 200]
import { parseArgs } from 'node:util';
import { generateCa, generateServingCert } from '@orkestra/adapters/tls';

const { values } = parseArgs({ options: { pairs: { type: 'string', default: '200' } } });
const nowMs = Date.now();
const dnsNames = ['orkestra-gateway', 'orkestra-gateway.ork', 'orkestra-gateway.ork.svc', 'orkestra-gateway.ork.svc.cluster.local', 'localhost'];

async function pair(algorithm) {
  const ca = await generateCa({ commonName: 'orkestra-gateway-ca', validForMs: 730 * 86_400_000, nowMs, algorithm });
  await generateServingCert({ ca, dnsNames, ipAddresses: ['127.0.0.1'], validForMs: 30 * 86_400_000, nowMs, algorithm });
}

/** Runs `f` `n` times in sequence; also records the event loop's largest gap (1 ms ticker) and its utilisation. */
async function timed(n, f) {
  let last = performance.now(), maxGapMs = 0;
  const ticker = setInterval(() => { const t = performance.now(); maxGapMs = Math.max(maxGapMs, t - last); last = t; }, 1);
  const each = [];
  const elu0 = performance.eventLoopUtilization();
  for (let i = 0; i < n; i++) { const t = performance.now(); await f(); each.push(performance.now() - t); }
  clearInterval(ticker);
  const { utilization } = performance.eventLoopUtilization(elu0);
  each.sort((a, b) => a - b);
  return { median: each[Math.floor(n / 2)], p99: each[Math.min(n - 1, Math.floor(n * 0.99))], max: each[n - 1], maxGapMs, utilization };
}

const first = performance.now();
await pair('ECDSA-P256');
console.log(`ECDSA P-256 CA + serving cert, first in process: ${(performance.now() - first).toFixed(1)} ms`);
const n = Number(values.pairs);
for (let i = 0; i < 20; i++) await pair('ECDSA-P256');
const ec = await timed(n, () => pair('ECDSA-P256'));
console.log(`ECDSA P-256 pair, warm, ${n} runs: median ${ec.median.toFixed(2)} ms, p99 ${ec.p99.toFixed(2)} ms, max ${ec.max.toFixed(2)} ms; largest event-loop gap ${ec.maxGapMs.toFixed(1)} ms, loop busy ${(ec.utilization * 100).toFixed(0)}%`);
const rsa = await timed(10, () => pair('RSA-2048'));
console.log(`RSA-2048 pair (2 keygens), 10 runs: median ${rsa.median.toFixed(0)} ms, max ${rsa.max.toFixed(0)} ms; largest event-loop gap ${rsa.maxGapMs.toFixed(1)} ms, loop busy ${(rsa.utilization * 100).toFixed(0)}%`);

#!/usr/bin/env node
// The kube transport's own CPU per request, before/after a change, without the noise of a whole
// operator: fresh processes, in turn (A B A B ...), each sending the same server-side applies to
// a real API server through a kubeCluster module and reporting process.cpuUsage() for them.
//   node bench/peers/transport-cpu.mjs [--a MODULE] [--vs MODULE] [--rounds 5] [--requests 2000] [--concurrency 4]
// MODULE: an ES module exporting kubeCluster and loadKubeConfig (an esbuild bundle of another
// checkout's adapters/src/kube/index.ts; see README "Then win"). A = this checkout's adapters/dist
// unless --a names another.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { down, REPO, up } from '../runtime/control-plane.mjs';

const { values: o } = parseArgs({ options: {
  a: { type: 'string' }, vs: { type: 'string' }, rounds: { type: 'string', default: '5' }, requests: { type: 'string', default: '2000' },
  concurrency: { type: 'string', default: '4' }, child: { type: 'string' }, kubeconfig: { type: 'string' },
} });

if (o.child) {
  // One measured process: warm up with 200 requests, then measure.
  const { kubeCluster, loadKubeConfig } = await import(o.child);
  const cluster = kubeCluster(loadKubeConfig(o.kubeconfig));
  const resource = { group: '', version: 'v1', resource: 'configmaps', namespaced: true };
  const n = Number(o.requests), c = Number(o.concurrency);
  const send = async (i) => {
    const r = await cluster.apply(resource, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i % 500}`, namespace: 'default', labels: { bench: 'transport' } }, data: { i: String(i % 500), pad: 'x'.repeat(600) } }, { fieldManager: 'transport-cpu', force: true });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
  };
  const run = async (count) => {
    let next = 0;
    await Promise.all(Array.from({ length: c }, async () => { while (next < count) await send(next++); }));
  };
  await run(200);
  const cpu0 = process.cpuUsage(), t0 = performance.now();
  await run(n);
  const cpu = process.cpuUsage(cpu0);
  process.stdout.write(`${JSON.stringify({ cpuUsPerRequest: (cpu.user + cpu.system) / n, wallMs: performance.now() - t0 })}\n`);
  process.exit(0);
}

const modules = { A: o.a ? resolve(o.a) : join(REPO, 'adapters/dist/kube/index.js'), ...(o.vs ? { B: resolve(o.vs) } : {}) };
const cluster = up();
try {
  const results = Object.fromEntries(Object.keys(modules).map((k) => [k, []]));
  for (let round = 0; round < Number(o.rounds); round++) {
    for (const [k, module] of Object.entries(modules)) {
      const r = spawnSync(process.execPath, [new URL(import.meta.url).pathname, '--child', module, '--kubeconfig', cluster.env.KUBECONFIG,
        '--requests', o.requests, '--concurrency', o.concurrency], { encoding: 'utf8', timeout: 600_000 });
      if (r.status !== 0) throw new Error(`${k}: ${r.stderr}`);
      results[k].push(JSON.parse(r.stdout.trim().split('\n').at(-1)));
    }
  }
  const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
  for (const [k, rs] of Object.entries(results)) {
    const cpu = rs.map((r) => r.cpuUsPerRequest);
    console.log(`${k} ${modules[k]}: CPU per apply median ${med(cpu).toFixed(1)} µs (min ${Math.min(...cpu).toFixed(1)}, max ${Math.max(...cpu).toFixed(1)}), ${o.requests} applies x ${o.rounds} processes`);
  }
  if (results.B) {
    const ratios = results.A.map((a, i) => a.cpuUsPerRequest / results.B[i].cpuUsPerRequest);
    console.log(`A/B CPU per apply, paired by round: median ${med(ratios).toFixed(3)} (min ${Math.min(...ratios).toFixed(3)}, max ${Math.max(...ratios).toFixed(3)})`);
  }
} finally {
  down(cluster.dir);
}

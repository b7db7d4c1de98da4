// Issue 18: conversion cost per object in process, for 1, 100 and 500 objects per ConversionReview
// (goal: ≤ 20 µs per object). It runs lib's answerConversionReview, what the gateway's /convert
// runs after parsing, on the examples/versioned Website in both directions, and also with the JSON
// parse and stringify of the body around it (what the route adds), and with the per-pair fold and
// the rolling window's record (the gateway's counters, spec/gateway.md §7.1). A benchmark: it
// prints figures and never fails. `node bench/gateway/conversion.mjs [--seconds 3] [--smoke]`
import { readFileSync } from 'node:fs';
import { parseKatalog } from '@orkestra/lib';
import { answerConversionReview, compileConversion, createConversionWindow, foldConversionPairs } from '@orkestra/lib/conversion';

const args = process.argv.slice(2);
const seconds = args.includes('--smoke') ? 0.2 : Number(args[args.indexOf('--seconds') + 1] || 3);
const text = readFileSync(new URL('../../examples/versioned/katalog.yaml', import.meta.url), 'utf8');
const katalog = parseKatalog({ file: 'katalog.yaml', text }).katalog;
const compiled = compileConversion(katalog.crds[0]);
const find = (group, kind) => (group === compiled.group && kind === compiled.kind ? compiled : undefined);

const alpha = (i) => ({
  apiVersion: 'demo.orkestra.io/v1alpha1', kind: 'Website',
  metadata: { name: `site-${i}`, namespace: 'default', uid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, resourceVersion: String(1000 + i), generation: 2, labels: { team: 'web' }, annotations: { website_port: '8080' } },
  spec: { image: 'nginx:1.27', replicas: 2, domain: `site-${i}.example.com` },
  status: { observedGeneration: 2, conditions: [{ type: 'Ready', status: 'True', reason: 'Reconciled', message: 'ok', lastTransitionTime: '2026-12-01T10:00:00Z' }] },
});
const review = (objects, to) => ({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'ConversionReview', request: { uid: 'u', desiredAPIVersion: `demo.orkestra.io/${to}`, objects } });

function measure(label, n, run) {
  for (let i = 0; i < 200; i++) run(); // warm up
  let reviews = 0;
  const cpu0 = process.cpuUsage();
  const start = process.hrtime.bigint();
  const end = start + BigInt(Math.round(seconds * 1e9));
  let now = start;
  while (now < end) {
    run();
    reviews++;
    if ((reviews & 7) === 0) now = process.hrtime.bigint();
  }
  now = process.hrtime.bigint();
  const cpu = process.cpuUsage(cpu0);
  // CPU time is the figure on a shared machine: wall time there includes waiting for a core.
  const cpuUs = (cpu.user + cpu.system) / (reviews * n);
  const wallUs = Number(now - start) / 1000 / (reviews * n);
  console.log(`${label.padEnd(44)} ${String(n).padStart(4)} objects/review  ${cpuUs.toFixed(2).padStart(7)} µs CPU/object  ${wallUs.toFixed(2).padStart(7)} µs wall  (${reviews} reviews)`);
  return cpuUs;
}

console.log(`conversion cost in process (node ${process.version}, ${seconds} s per row)`);
const rows = [];
const windowRows = [];
for (const n of [1, 100, 500]) {
  const up = review(Array.from({ length: n }, (_, i) => alpha(i)), 'v1beta1');
  const down = review(answerConversionReview(up, find).body.response.convertedObjects, 'v1alpha1');
  rows.push(measure('v1alpha1 → v1beta1, lib answer', n, () => answerConversionReview(up, find)));
  rows.push(measure('v1beta1 → v1alpha1, lib answer', n, () => answerConversionReview(down, find)));
  const raw = JSON.stringify(up);
  rows.push(measure('v1alpha1 → v1beta1, with JSON parse+stringify', n, () => JSON.stringify(answerConversionReview(JSON.parse(raw), find).body)));
  // What the route adds per review for its counters (fold per version pair, record in the rolling
  // window), measured alone on an answer made once: beside a row above, not a difference of two
  // rows, which on a shared machine is mostly noise.
  const window = createConversionWindow(100);
  const answered = answerConversionReview(up, find);
  windowRows.push(measure('fold + window record (per review, alone)', n, () => {
    window.record({ crd: answered.crd, pairs: foldConversionPairs(answered.objects), failed: answered.failure !== undefined, seconds: 0.001 });
  }));
}
console.log(`window: ${Math.max(...windowRows).toFixed(3)} µs CPU/object at most (${(Math.max(...windowRows) / Math.max(...rows) * 100).toFixed(1)}% of the worst conversion row)`);
console.log(`worst: ${Math.max(...rows).toFixed(2)} µs CPU/object (goal ≤ 20 µs/object: ${Math.max(...rows) <= 20 ? 'met' : 'not met'})`);

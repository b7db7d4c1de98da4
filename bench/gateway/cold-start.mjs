#!/usr/bin/env node
// Cold start (performance.md §3.4, goal ≤ 150 ms after Node is up): runs cold-start-child.mjs in
// fresh processes, twice: as plain ESM modules, and bundled into one file with esbuild the way
// scripts/bundle.mjs ships the apps (the gateway image will run a bundle). Prints median, min and
// max of each phase. Not a test.
//   node bench/gateway/cold-start.mjs [--runs 15]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '15' } } });
const child = new URL('./cold-start-child.mjs', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'ork-cold-'));
const bundled = join(dir, 'cold-start-child.bundle.mjs');
await build({
  entryPoints: [child], outfile: bundled, bundle: true, platform: 'node', target: 'node20', format: 'esm', legalComments: 'none', logLevel: 'warning',
  banner: { js: "import { createRequire as __ork_createRequire } from 'node:module'; const require = __ork_createRequire(import.meta.url);" },
});

// An empty script's first line: what Node's own start costs here, for the fair figure below.
const empty = join(dir, 'empty.mjs');
writeFileSync(empty, "process.stdout.write(JSON.stringify({ nodeUpMs: performance.now() }) + '\\n');\n");

function runs(script) {
  execFileSync(process.execPath, [script]); // one discarded run warms the OS file cache
  return Array.from({ length: Number(values.runs) }, () => JSON.parse(execFileSync(process.execPath, [script], { encoding: 'utf8' })));
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const baselineMs = median(runs(empty).map((r) => r.nodeUpMs));

function measure(label, script) {
  const all = runs(script).map((r) => ({ ...r, afterNodeUpMs: r.nodeUpMs + r.totalMs - baselineMs }));
  console.log(`${label}: ${all.length} fresh processes`);
  for (const phase of ['nodeUpMs', 'loadMs', 'certsMs', 'listenMs', 'firstResponseMs', 'totalMs', 'afterNodeUpMs']) {
    const sorted = all.map((r) => r[phase]).sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)];
    console.log(`  ${phase.padEnd(16)} median ${median.toFixed(1).padStart(6)}  min ${sorted[0].toFixed(1).padStart(6)}  max ${sorted.at(-1).toFixed(1).padStart(6)}`);
  }
}

console.log(`cold start to first TLS response (ECDSA CA + serving cert generated in the run), node ${process.version}`);
console.log(`empty script: Node up after ${baselineMs.toFixed(1)} ms (median)`);
measure('plain ESM modules', child);
measure('esbuild bundle (as apps ship)', bundled);
console.log('nodeUpMs: process start to the script\'s first line (includes parsing a bundle); totalMs: first line to first response;');
console.log('afterNodeUpMs: process start to first response minus an empty script\'s nodeUpMs, the fair figure for the bundle.');
rmSync(dir, { recursive: true, force: true });

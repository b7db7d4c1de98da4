#!/usr/bin/env node
// Runs uvu test files compiled by `tsc -b`, with guards against uvu's known false passes:
// a throwing before/after hook or a non-Error rejection makes uvu report success (lukeed/uvu#60,
// #201, #229), a file can register no test at all, and an early exit can look like a pass.
// We drive uvu's queue ourselves and count every test that did not pass as failed.
//
// Usage: node scripts/run-tests.mjs [--stage NAME] [glob-ish dir ...]
//   With no dirs: every dist/**/*.test.js under lib, adapters, apps/*, conformance.
//   Prints "N passed, N failed" as its last line; exit 1 on any failure or empty run.
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

globalThis.UVU_DEFER = 1;
globalThis.UVU_QUEUE = [];

const args = process.argv.slice(2);
let stage = 'unit';
const roots = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--stage') stage = args[++i] ?? stage;
  else roots.push(args[i]);
}
const repo = resolve(new URL('..', import.meta.url).pathname);
const defaultRoots = ['lib/dist', 'adapters/dist', 'conformance/dist', ...listApps()];
const files = (roots.length ? roots : defaultRoots)
  .map((r) => resolve(repo, r))
  .filter((r) => existsSync(r))
  .flatMap((r) => (statSync(r).isDirectory() ? walk(r) : [r]))
  .filter((f) => f.endsWith('.test.js'))
  .sort();

let unhandled = 0;
process.on('unhandledRejection', (reason) => {
  unhandled++;
  console.error('\n  unhandled rejection during tests:', reason);
});

let passed = 0, failed = 0, skipped = 0, running = true;
process.on('exit', () => {
  if (running) {
    console.error(`\n  ${stage}: exited before every test finished`);
    console.log(`${stage}: ${passed} passed, ${failed + 1} failed`);
    process.exitCode = 1;
  }
});

for (const [index, file] of files.entries()) {
  globalThis.UVU_INDEX = index;
  globalThis.UVU_QUEUE.push([relative(repo, file)]);
  try {
    await import(pathToFileURL(file).href);
  } catch (err) {
    failed++;
    console.error(`\n  cannot load ${relative(repo, file)}:`, err);
  }
}

for (const group of globalThis.UVU_QUEUE) {
  const name = group.shift();
  process.stdout.write(`\n${name}\n`);
  if (group.length === 0) {
    failed++;
    console.error(`  ${name}: registered no test suite (a test file must call suite.run())`);
    continue;
  }
  for (const run of group) {
    let result;
    try {
      result = await run();
    } catch (err) {
      failed++;
      console.error(`  suite crashed in ${name}:`, err);
      continue;
    }
    const [errors, ran, skip, total] = result;
    skipped += skip;
    if (total === 0) {
      failed++;
      console.error(`  a suite in ${name} has no tests`);
    }
    passed += ran;
    // uvu counts a test as passed only after its handler and hooks resolve; anything else failed,
    // even when uvu's own error string is empty because formatting or a hook threw.
    failed += total - ran;
    if (typeof errors === 'string') process.stdout.write('\n' + errors + '\n');
    else if (total - ran > 0) console.error(`  ${total - ran} test(s) in ${name} failed inside a hook or with a non-Error rejection`);
  }
}
running = false;
if (unhandled) failed += unhandled;
if (files.length === 0 || passed + failed === 0) {
  console.error(`\n  ${stage}: no test ran`);
  failed++;
}
if (skipped) console.error(`\n  ${stage}: ${skipped} skipped test(s) are counted as failed: remove the skip or the test`);
failed += skipped;
console.log(`\n${stage}: ${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;

function walk(dir) {
  return readdirSync(dir).flatMap((entry) => {
    if (entry === 'node_modules') return [];
    const p = join(dir, entry);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

function listApps() {
  const apps = join(repo, 'apps');
  if (!existsSync(apps)) return [];
  return readdirSync(apps).map((a) => `apps/${a}/dist`);
}

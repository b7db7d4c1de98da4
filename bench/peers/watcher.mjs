// The one readiness watcher of a measurement: a watch on the App collection (as the admin) that
// records, per CR and generation, when the operator's own readiness signal first showed.
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Starts watching `path`; `isReady(object)` is the operator's readiness signal. `readyAt(gen)` is
 * a Map name -> time (performance.now()) for that generation. A 410 relists and watches again.
 */
export async function readinessWatcher(client, path, isReady) {
  const byGen = new Map();
  let stopWatch, stopped = false;
  const seen = (o) => {
    if (!isReady(o)) return;
    const gen = o.metadata.generation;
    if (!byGen.has(gen)) byGen.set(gen, new Map());
    const m = byGen.get(gen);
    if (!m.has(o.metadata.name)) m.set(o.metadata.name, performance.now());
  };
  const start = async () => {
    const listed = await client.call('GET', path);
    if (listed.status !== 200) throw new Error(`list ${path}: HTTP ${listed.status}`);
    for (const o of listed.body.items) seen(o);
    stopWatch = client.watch(path, listed.body.metadata.resourceVersion, (type, o) => { if (type !== 'DELETED') seen(o); },
      () => { if (!stopped) start().catch((err) => console.error(`watcher: ${err.message}`)); });
  };
  await start();
  return {
    readyAt: (gen) => byGen.get(gen) ?? new Map(),
    stop: () => { stopped = true; stopWatch?.(); },
  };
}

/**
 * Waits until `count()` reaches `target`; fails when neither it nor `activity()` (the operator's
 * audit log size) has moved for `stallMs`, when `timeoutMs` passed, or as soon as `proc` (an
 * operator handle) is no longer alive. Logs progress every 10 s.
 * Returns the time it was reached.
 */
export async function waitUntil(what, count, target, { stallMs = 120_000, timeoutMs = 4 * 3_600_000, log = () => {}, proc, activity = () => 0 } = {}) {
  const t0 = performance.now();
  let last = -1, lastActivity = -1, lastMove = t0, lastLog = t0;
  for (;;) {
    const n = await count();
    const now = performance.now();
    if (n >= target) return now;
    if (proc && !proc.alive()) throw new Error(`${what}: the operator exited at ${n}/${target}:\n${proc.logTail()}`);
    // Progress is the count moving or the operator still sending requests (kro makes no CR Ready
    // until its one worker has been through the whole queue once).
    const a = activity();
    if (n !== last || a !== lastActivity) { last = n; lastActivity = a; lastMove = now; }
    if (now - lastLog > 10_000) { lastLog = now; log(`  ${what}: ${n}/${target}`); }
    if (now - lastMove > stallMs) throw new Error(`${what}: stalled at ${n}/${target} for ${(stallMs / 1000).toFixed(0)} s`);
    if (now - t0 > timeoutMs) throw new Error(`${what}: ${n}/${target} after ${(timeoutMs / 1000).toFixed(0)} s`);
    await sleep(100);
  }
}

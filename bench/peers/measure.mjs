// One measurement: a fresh control plane (its audit log filtered to the operator), the operator
// alone on it, then the three workloads: a burst of N creates, a restart on the converged state,
// a spec change to every CR. Returns one result record (a JSON line).
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { adminClient, forEachLimited } from '../runtime/admin-client.mjs';
import { down, kubectl, pidsOf, up } from '../runtime/control-plane.mjs';
import { cpuSeconds, memoryMB, sampleRss } from '../runtime/proc-stats.mjs';
import { auditSetup, auditSize, readAudit } from './audit.mjs';
import { readinessWatcher, waitUntil } from './watcher.mjs';

export const CR_NS = 'bench';
const CR_PATH = `/apis/bench.orkestra.io/v1/namespaces/${CR_NS}/apps`;
const IMAGES = ['nginx:1.27', 'nginx:1.28'];
const live = new Set(), temps = new Set();

/** SIGKILLs every operator process still running and removes the audit dirs (for the bench's signal handlers). */
export function killOperators() {
  for (const h of live) if (h.alive()) h.kill();
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
}

/**
 * Measures `op` (from operators/) at `crs` CRs. Options: concurrency (creates in flight), settleMs
 * (quiet audit log that ends a phase), restartWindowMs (how long the restarted operator is watched
 * for writes after it verified everything), log, keep (leave the control plane up).
 */
export async function measureOnce(op, crs, { concurrency = 16, settleMs = 3_000, restartWindowMs = 35_000, stallMs = 180_000, timeoutMs = 4 * 3_600_000, log = () => {}, keep = false } = {}) {
  const tmp = mkdtempSync(join(tmpdir(), 'ork-peers-'));
  temps.add(tmp);
  const audit = auditSetup(tmp, op.user);
  const result = { bench: 'peers', date: new Date().toISOString(), operator: op.name, crs, concurrency, settings: op.settings,
    machine: { cpus: cpus().length, load1Start: loadavg()[0] } };
  let cluster, client, watcher, proc;
  const handles = [];
  try {
    log(`${op.name} @ ${crs}: control plane up (audit: ${op.user})`);
    cluster = up(keep, { ORK_KUBE_APISERVER_EXTRA_ARGS: audit.args });
    kubectl(cluster, ['create', 'namespace', CR_NS]);
    op.install(cluster);
    client = adminClient(cluster.env.KUBECONFIG, concurrency);
    const cp = pidsOf(cluster.dir);
    const cpCpu = () => ({ apiserver: cpuSeconds(cp.apiserver), etcd: cpuSeconds(cp.etcd) });

    // Idle: the operator started, its caches synced, 5 s later with no CRs.
    proc = op.start();
    handles.push(proc);
    live.add(proc);
    await proc.started;
    const readyMs = await proc.ready();
    result.startToReadyS = (readyMs - proc.startedMs) / 1000;
    await sleep(5_000);
    result.rssIdleMB = memoryMB(proc.pid).rss;

    // Burst: N creates, 16 in flight, one watcher for the operator's own readiness signal.
    watcher = await readinessWatcher(client, CR_PATH, (o) => op.isReady(o));
    const rss = sampleRss(proc.pid);
    const off0 = auditSize(audit.log), cpu0 = cpuSeconds(proc.pid), cp0 = cpCpu();
    const createdAt = new Map();
    const t0 = performance.now();
    log(`${op.name} @ ${crs}: creating ${crs} Apps (${concurrency} in flight)`);
    await forEachLimited(crs, concurrency, async (i) => {
      const name = `app-${String(i).padStart(5, '0')}`;
      createdAt.set(name, performance.now());
      const r = await client.call('POST', CR_PATH, {
        apiVersion: 'bench.orkestra.io/v1', kind: 'App', metadata: { name },
        spec: { image: IMAGES[0], replicas: 1 + (i % 3), port: 8080, tier: ['web', 'api', 'worker'][i % 3] },
      });
      if (r.status !== 201) throw new Error(`create ${name}: HTTP ${r.status} ${JSON.stringify(r.body)}`);
    });
    const tCreated = performance.now();
    const tReady = await waitUntil(`${op.name} Ready`, () => watcher.readyAt(1).size, crs, { stallMs, timeoutMs, log, proc, activity: () => auditSize(audit.log) });
    const cpuReady = cpuSeconds(proc.pid), cpReady = cpCpu();
    const tSettled = await settled(audit.log, settleMs);
    const off1 = auditSize(audit.log), cpu1 = cpuSeconds(proc.pid), cp1 = cpCpu();
    rss.stop();
    result.burst = {
      createS: (tCreated - t0) / 1000,
      readyS: (tReady - t0) / 1000,
      settledS: (tSettled - t0) / 1000,
      ...percentiles(createdAt, watcher.readyAt(1)),
      requests: readAudit(audit.log, off0, off1),
      cpuS: { operatorToReady: cpuReady - cpu0, operator: cpu1 - cpu0, apiserverToReady: cpReady.apiserver - cp0.apiserver, apiserver: cp1.apiserver - cp0.apiserver,
        etcdToReady: cpReady.etcd - cp0.etcd, etcd: cp1.etcd - cp0.etcd },
      // The kernel's high-water mark, or a higher RSS seen by the 10 Hz sampler or at idle (the
      // kernel's RSS counters are batched per CPU, so VmHWM can trail a reading by a few pages).
      rssPeakMB: Math.max(memoryMB(proc.pid).hwm, rss.peak(), result.rssIdleMB), rssHwmMB: memoryMB(proc.pid).hwm, rssSampledPeakMB: rss.peak(), rssSettledMB: memoryMB(proc.pid).rss,
      children: await countChildren(client),
    };
    log(`${op.name} @ ${crs}: all Ready in ${result.burst.readyS.toFixed(1)} s, settled ${result.burst.settledS.toFixed(1)} s; restarting`);

    // Restart on the converged state. The Lease is deleted in between, as if it had expired: not
    // every operator hands it over on shutdown (kro and controller-runtime's default do not), and
    // waiting out someone's lease duration is not what this measures.
    result.stop1 = await proc.stop();
    kubectl(cluster, ['-n', op.lease.namespace, 'delete', 'lease', op.lease.name, '--ignore-not-found']);
    const off2 = auditSize(audit.log), cp2 = cpCpu();
    proc = op.start();
    handles.push(proc);
    live.add(proc);
    await proc.started;
    const rss2 = sampleRss(proc.pid);
    const tVerified = await waitUntil(`${op.name} restart: reconciled`, () => proc.reconciles(), crs, { stallMs, timeoutMs, log, proc, activity: () => auditSize(audit.log) });
    const cpuVerified = cpuSeconds(proc.pid), rssVerified = memoryMB(proc.pid).rss;
    await sleep(restartWindowMs);
    const off3 = auditSize(audit.log), cp3 = cpCpu();
    rss2.stop();
    result.restart = {
      verifiedS: (tVerified - proc.startedMs) / 1000,
      windowS: (performance.now() - proc.startedMs) / 1000,
      requests: readAudit(audit.log, off2, off3),
      cpuS: { operatorToVerified: cpuVerified, operator: cpuSeconds(proc.pid), apiserver: cp3.apiserver - cp2.apiserver, etcd: cp3.etcd - cp2.etcd },
      rssVerifiedMB: rssVerified, rssPeakMB: memoryMB(proc.pid).hwm,
    };
    log(`${op.name} @ ${crs}: restart verified ${result.restart.verifiedS.toFixed(2)} s after spawn, ${result.restart.requests.writes} writes; changing every spec`);

    // Spec change: a new image on every CR (merge patch, 16 in flight), until Ready for generation 2.
    const off4 = auditSize(audit.log), cpu4 = cpuSeconds(proc.pid), cp4 = cpCpu();
    const patchedAt = new Map();
    const t4 = performance.now();
    await forEachLimited(crs, concurrency, async (i) => {
      const name = `app-${String(i).padStart(5, '0')}`;
      patchedAt.set(name, performance.now());
      const r = await client.call('PATCH', `${CR_PATH}/${name}`, { spec: { image: IMAGES[1] } }, 'application/merge-patch+json');
      if (r.status !== 200) throw new Error(`patch ${name}: HTTP ${r.status} ${JSON.stringify(r.body)}`);
    });
    const tUpdated = await waitUntil(`${op.name} updated`, () => watcher.readyAt(2).size, crs, { stallMs, timeoutMs, log, proc, activity: () => auditSize(audit.log) });
    const cpuUpdated = cpuSeconds(proc.pid);
    const tSettled2 = await settled(audit.log, settleMs);
    const off5 = auditSize(audit.log), cpu5 = cpuSeconds(proc.pid), cp5 = cpCpu();
    result.specChange = {
      readyS: (tUpdated - t4) / 1000,
      settledS: (tSettled2 - t4) / 1000,
      ...percentiles(patchedAt, watcher.readyAt(2)),
      requests: readAudit(audit.log, off4, off5),
      cpuS: { operatorToReady: cpuUpdated - cpu4, operator: cpu5 - cpu4, apiserver: cp5.apiserver - cp4.apiserver, etcd: cp5.etcd - cp4.etcd },
      deploymentsUpdated: await countImages(client, IMAGES[1]),
    };
    result.rssPeakLifeMB = memoryMB(proc.pid).hwm;
    result.stop2 = await proc.stop();
    result.forbidden = readAudit(audit.log, 0, auditSize(audit.log)).forbidden;
    log(`${op.name} @ ${crs}: spec change Ready in ${result.specChange.readyS.toFixed(1)} s`);
  } catch (err) {
    result.error = err.message;
    const p = handles.at(-1);
    if (p) result.logTail = p.logTail().slice(-4000);
    log(`${op.name} @ ${crs}: FAILED: ${err.message}`);
  } finally {
    watcher?.stop();
    for (const h of handles) {
      if (h.alive()) h.kill();
      live.delete(h);
    }
    client?.close();
    if (cluster && !keep) down(cluster.dir);
    if (cluster && keep) log(`kept: control plane in ${cluster.dir}`);
    rmSync(tmp, { recursive: true, force: true });
    temps.delete(tmp);
    result.machine.load1End = loadavg()[0];
  }
  return result;
}

/** Waits until the audit log has not grown for `quietMs`; returns when it last grew. */
async function settled(log, quietMs) {
  let size = auditSize(log), changedAt = performance.now();
  for (;;) {
    await sleep(250);
    const s = auditSize(log);
    if (s !== size) { size = s; changedAt = performance.now(); }
    else if (performance.now() - changedAt >= quietMs) return changedAt;
  }
}

/** p50/p99/max of start -> ready per CR, in seconds. */
function percentiles(startedAt, readyAt) {
  const lat = [...readyAt].filter(([name]) => startedAt.has(name)).map(([name, t]) => t - startedAt.get(name)).sort((a, b) => a - b);
  const pct = (p) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))] / 1000;
  return { p50S: pct(0.5), p99S: pct(0.99), maxS: lat.at(-1) / 1000 };
}

async function countChildren(client) {
  const out = {};
  for (const [kind, path] of [['configmaps', '/api/v1'], ['services', '/api/v1'], ['deployments', '/apis/apps/v1']]) {
    out[kind] = (await listAll(client, `${path}/namespaces/${CR_NS}/${kind}`)).filter((o) => o.metadata.name.startsWith('app-')).length;
  }
  return out;
}

async function countImages(client, image) {
  const items = await listAll(client, `/apis/apps/v1/namespaces/${CR_NS}/deployments`);
  return items.filter((d) => d.spec.template.spec.containers[0]?.image === image).length;
}

async function listAll(client, path) {
  const items = [];
  let token;
  do {
    const r = await client.call('GET', `${path}?limit=1000${token ? `&continue=${encodeURIComponent(token)}` : ''}`);
    if (r.status !== 200) throw new Error(`list ${path}: HTTP ${r.status}`);
    items.push(...r.body.items);
    token = r.body.metadata.continue;
  } while (token);
  return items;
}

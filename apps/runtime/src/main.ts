// The composition root of the runtime (`ork run`): the only file here that touches process, env,
// argv, files and signals. It can run and report its version, nothing else (DESIGN §1).
import { hostname } from 'node:os';
import { isEntryPoint, readPackageVersion, runApp } from '@orkestra/adapters/process';
import { kubeCluster, loadKubeConfig } from '@orkestra/adapters/kube';
import { createRuntimeMetrics, type RuntimeMetrics } from './metrics/index.ts';
import { systemClock, systemEntropy } from '@orkestra/adapters/system';
import type { Katalog } from '@orkestra/lib';
import { planStartupOrder } from '@orkestra/lib/katalog';
import { ControllerSet } from './controller-set.ts';
import { cpuBudget } from './cpu-budget.ts';
import { migrateStorageMain } from './migrate-storage.ts';
import { startRegistryFollower } from './start-registry-follower.ts';
import type { Logger } from '@orkestra/lib/ports';
import { parseConfig, type RuntimeConfig } from './config.ts';
import { CrdController, type ReconcileObserver } from './crd-controller.ts';
import { feedMetrics } from './feed-metrics.ts';
import { LeaderElector } from './leader.ts';
import { createLogger } from '@orkestra/adapters/process';
import { kubeCrAccess } from './kube-cr-access.ts';
import { serveHttp } from './serve-http.ts';

/** How often a controller looks again for its missing CRD or unmet dependencies. */
const START_POLL_MS = 5_000;

const PACKAGE_JSON = new URL('../package.json', import.meta.url);

/** Runs `ork-runtime <argv>` (or `ork run ...`, handed over by the CLI); exit codes go to process.exitCode. */
export async function main(argv: readonly string[]): Promise<void> {
  // Issue 18: the storage-version migration task (apps/runtime/src/migrate-storage.ts).
  if (argv[0] === 'migrate-storage') {
    process.exitCode = await migrateStorageMain(argv.slice(1), process.env, (t) => process.stdout.write(t), (t) => process.stderr.write(t));
    return;
  }
  await runApp(argv, process.env, (text) => process.stdout.write(text), {
    program: 'ork-runtime', verb: 'run', version: readPackageVersion(PACKAGE_JSON), parseConfig, serve: run, exit2,
    // ORK_REGISTRY_URL: the Katalog is followed in an OCI registry, not read from a file (issue 19).
    serveRemote: (config) => (config.registry ? () => run(config, undefined) : undefined),
  });
}

// Started as a program (node main.js, node ork-runtime.mjs) it runs; imported by `ork run` it waits to be called.
if (isEntryPoint(import.meta.url, process.argv[1])) await main(process.argv.slice(2));

/** Runs the Katalog of a file, or (undefined) the one config.registry follows. */
async function run(config: RuntimeConfig, katalog: Katalog | undefined): Promise<void> {
  const clock = systemClock;
  const entropy = systemEntropy;
  const log = createLogger(config.logLevel, clock, (line) => process.stdout.write(line));
  const order = katalog ? planStartupOrder(katalog.crds) : undefined;
  if (katalog && order && 'cycle' in order) return exit2(`${katalog.file}: dependsOn cycle: ${order.cycle.join(' -> ')}`);

  let cluster: ReturnType<typeof kubeCluster>;
  try {
    cluster = kubeCluster(loadKubeConfig());
  } catch (err) {
    return exit2(`cannot load a kubeconfig: ${err instanceof Error ? err.message : String(err)}`);
  }
  // client-go's identity: the hostname (the pod name in a cluster) plus a random suffix, so two
  // processes on one host never share it.
  const identity = `${hostname()}_${Math.floor(entropy.float() * 2 ** 32).toString(16).padStart(8, '0')}`;
  const abort = new AbortController();
  // From here on a SIGTERM is a clean stop: one that arrives while the HTTP API starts finds the
  // controllers' signal already aborted, and the process still ends with "runtime stopped".
  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    log.info('shutting down', { signal });
    abort.abort();
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  const elector = config.leaderElection
    ? new LeaderElector({
      cluster, namespace: config.namespace, identity, clock, entropy, log: log.child({ component: 'leader-election' }),
      config: { leaseDurationMs: config.leaseDurationMs, renewDeadlineMs: config.renewDeadlineMs, retryPeriodMs: config.retryPeriodMs },
      onChange: (leading) => set.leadershipChanged(leading),
    })
    : undefined;
  const isLeader = (): boolean => elector?.isLeader() ?? true;
  // The controllers of the current Katalog; a registry Katalog swaps them (controller-set.ts).
  const set = new ControllerSet((current, name, healthOf) => {
    const crd = current.crds.find((c) => c.name === name)!;
    metrics.registerController(crd.name, crd.workers ?? config.defaultWorkers);
    return new CrdController({
      crd, cluster, clock, entropy, identity, isLeader,
      log: log.child({ controller: crd.name }),
      healthOf,
      observer: observe(crd.name),
      settings: {
        workers: crd.workers ?? config.defaultWorkers,
        resyncMs: crd.resyncMs ?? config.defaultResyncMs,
        maxDepth: crd.maxDepth ?? config.queueMaxDepth,
        failureThreshold: crd.failureThreshold ?? config.failureThreshold,
        startPollMs: START_POLL_MS,
      },
      runWithBudget: cpuBudget(config.reconcileCpuBudgetMs),
    });
  }, log);

  // Metrics: reconciles are observed as they finish; gauges (queues, health, watches) are read at scrape time.
  const metrics: RuntimeMetrics = createRuntimeMetrics({
    requestCounts: () => cluster.metrics.counts(),
    beforeScrape: feedMetrics(() => metrics, () => set.sources(), isLeader, clock),
  });
  function observe(controller: string): ReconcileObserver {
    return {
      dequeued: (seconds) => metrics.observeQueueWait(controller, seconds),
      reconciled: (result, seconds) => {
        metrics.observeReconcile(controller, result, seconds);
        metrics.observeWork(controller, seconds);
      },
    };
  }

  // HTTP API (DESIGN §6): probes, /metrics and /katalog, read from the controllers at request time.
  const follower = config.registry ? startRegistryFollower({ config, registry: config.registry, cluster, set, clock, entropy, log, identity }) : undefined;
  if (follower && 'error' in follower) return exit2(follower.error);
  const accessLog = log.child({ component: 'http-access' });
  // A failed review answers 503: the log names why (a 403 here is the runtime's own RBAC).
  const access = kubeCrAccess(cluster, clock, (review, err) => accessLog.warn(`${review} failed`, { err }));
  const http = await serveHttp({ set, source: follower?.status, clock, log, metrics, config, isLeader, runtimeVersion: readPackageVersion(PACKAGE_JSON), access });
  if ('error' in http) {
    process.stderr.write(`ork-runtime: ${http.error}\n`);
    process.exitCode = 1;
    return;
  }
  // With ORK_PORT=0 the OS picks the port; tests read it from this line.
  log.info('http listening', { host: config.host, port: http.port });

  log.info('runtime starting', {
    katalog: katalog?.metadata.name ?? follower?.status().reference ?? '', crds: katalog?.crds.filter((c) => c.enabled).length ?? 0, identity, namespace: config.namespace,
    leaderElection: config.leaderElection, env: config.env,
  });

  const leading = elector?.run(abort.signal) ?? Promise.resolve();
  // Controllers start in startup order; one that waits (missing CRD, dependency) never holds up the others.
  if (katalog) await set.replace(katalog, abort.signal);
  const following = follower?.run(abort.signal) ?? Promise.resolve();
  if (!abort.signal.aborted) await new Promise((resolve) => abort.signal.addEventListener('abort', resolve, { once: true }));
  await following;
  await set.stopped();
  await leading;
  // Release only after every worker has stopped, or two leaders may overlap (spec/runtime.md §4).
  await elector?.release();
  await http.close();
  summary(log, cluster, set.controllers());
  process.exit(0);
}

function summary(log: Logger, cluster: ReturnType<typeof kubeCluster>, controllers: readonly CrdController[]): void {
  const requests = cluster.metrics.counts().reduce((n, c) => n + c.count, 0);
  log.info('runtime stopped', {
    requests,
    forbidden: cluster.metrics.forbidden(),
    reconciles: controllers.reduce((n, c) => n + c.reconciles(), 0),
  });
}

function exit2(message: string): void {
  process.stderr.write(`ork-runtime: ${message}\n`);
  process.exitCode = 2;
}

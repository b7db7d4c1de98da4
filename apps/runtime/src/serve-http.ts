// Wires the HTTP API of DESIGN §6 (probes, /metrics, /katalog) to the running controllers: the view,
// its caches, the metrics fed at scrape time, and the fastify server of adapters/src/http.
import type { AddressInfo } from 'node:net';
import { buildRuntimeServer } from '@orkestra/adapters/http';
import type { KubeCluster } from '@orkestra/adapters/kube';
import { createRuntimeMetrics, type RuntimeMetrics } from '@orkestra/adapters/metrics';
import type { Clock, Entropy, Katalog } from '@orkestra/lib';
import type { RuntimeConfig } from './config.ts';
import type { CrdController } from './crd-controller.ts';
import { feedMetrics } from './feed-metrics.ts';
import { httpLogger } from './http-logger.ts';
import type { Logger } from './logger.ts';
import { createRuntimeView } from './runtime-view.ts';
import { ViewCache } from './view-cache.ts';

/** What the HTTP API is wired to. */
export interface HttpDeps {
  readonly katalog: Katalog;
  readonly controllers: readonly CrdController[];
  readonly cluster: KubeCluster;
  readonly clock: Clock;
  readonly entropy: Entropy;
  readonly log: Logger;
  readonly config: RuntimeConfig;
  readonly isLeader: () => boolean;
  readonly runtimeVersion: string;
  /** How often a view cache looks whether its controller started. */
  readonly pollMs: number;
}

/** A listening HTTP API. */
export interface HttpApi {
  /** The bound port (the OS's pick when ORK_PORT is 0). */
  readonly port: number;
  /** Runs the view caches until `signal` aborts. */
  run(signal: AbortSignal): Promise<void>;
  close(): Promise<void>;
}

/** Builds the HTTP API and listens on ORK_HOST:ORK_PORT; resolves with an error message if it cannot. */
export async function serveHttp(deps: HttpDeps): Promise<HttpApi | { readonly error: string }> {
  const { controllers, cluster, clock, entropy, log, config, isLeader } = deps;
  const sources = controllers.map((controller) => ({
    controller,
    cache: new ViewCache({
      crd: controller.crd, cluster, clock, entropy, log: log.child({ controller: controller.crd.name, component: 'http-view' }),
      health: () => controller.health(), pollMs: deps.pollMs,
    }),
  }));
  const view = createRuntimeView({
    katalog: deps.katalog, runtimeVersion: deps.runtimeVersion, sources, isLeader, clock, gatewayEndpoint: config.gatewayEndpoint,
    defaults: { workers: config.defaultWorkers, resyncMs: config.defaultResyncMs, maxDepth: config.queueMaxDepth },
  });
  const metrics: RuntimeMetrics = createRuntimeMetrics({
    requestCounts: () => cluster.metrics.counts(),
    beforeScrape: feedMetrics(() => metrics, sources, isLeader, clock),
  });
  for (const c of controllers) metrics.registerController(c.crd.name, c.crd.workers ?? config.defaultWorkers);
  const server = buildRuntimeServer({
    view, metrics, readTimeoutMs: config.serverReadTimeoutMs, writeTimeoutMs: config.serverWriteTimeoutMs,
    logger: httpLogger(log.child({ component: 'http' })),
  });
  try {
    await server.listen({ port: config.port, host: config.host });
  } catch (err) {
    return { error: `cannot listen on ${config.host}:${config.port}: ${err instanceof Error ? err.message : String(err)}` };
  }
  return {
    port: (server.server.address() as AddressInfo).port,
    run: async (signal) => {
      await Promise.all(sources.map((s) => s.cache.run(signal).catch((err: unknown) => {
        log.error('view cache crashed', { controller: s.controller.crd.name, err: err instanceof Error ? err.message : String(err) });
      })));
    },
    close: () => server.close(),
  };
}

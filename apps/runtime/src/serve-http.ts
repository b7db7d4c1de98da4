// Wires the HTTP API of DESIGN §6 (probes, /metrics, /katalog) to the running controllers: the view
// over their caches, the metrics, and the node:http server of ./http.
import { buildRuntimeServer, type CrAccess, type KatalogSourceStatus } from './http/index.ts';
import type { RuntimeMetrics } from './metrics/index.ts';
import type { Clock, Logger } from '@orkestra/lib/ports';
import type { RuntimeConfig } from './config.ts';
import type { ControllerSet } from './controller-set.ts';
import { httpLogger } from './http-logger.ts';
import { createSwappableView } from './swappable-view.ts';

/** What the HTTP API is wired to. */
export interface HttpDeps {
  /** The current Katalog's controllers (a registry Katalog swaps them, issue 19). */
  readonly set: ControllerSet;
  /** The registry source's state, when the Katalog comes from a registry. */
  readonly source?: (() => KatalogSourceStatus) | undefined;
  readonly clock: Clock;
  readonly log: Logger;
  /** The metrics, created by the composition root so controllers can report to them too. */
  readonly metrics: RuntimeMetrics;
  readonly config: RuntimeConfig;
  readonly isLeader: () => boolean;
  readonly runtimeVersion: string;
  /** Who may read which CRs through the API (TokenReview and SubjectAccessReview; issue 12). */
  readonly access: CrAccess;
}

/** A listening HTTP API. */
export interface HttpApi {
  /** The bound port (the OS's pick when ORK_PORT is 0). */
  readonly port: number;
  close(): Promise<void>;
}

/** Builds the HTTP API and listens on ORK_HOST:ORK_PORT; resolves with an error message if it cannot. */
export async function serveHttp(deps: HttpDeps): Promise<HttpApi | { readonly error: string }> {
  const { set, clock, log, config, isLeader, metrics } = deps;
  const view = createSwappableView({
    set, ...(deps.source ? { source: deps.source } : {}), runtimeVersion: deps.runtimeVersion, isLeader, clock, gatewayEndpoint: config.gatewayEndpoint, namespace: config.namespace,
    defaults: { workers: config.defaultWorkers, resyncMs: config.defaultResyncMs, maxDepth: config.queueMaxDepth },
  });
  const server = buildRuntimeServer({
    view, metrics, readTimeoutMs: config.serverReadTimeoutMs, writeTimeoutMs: config.serverWriteTimeoutMs,
    logger: httpLogger(log.child({ component: 'http' })), access: deps.access,
  });
  try {
    const { port } = await server.listen({ port: config.port, host: config.host });
    return { port, close: () => server.close() };
  } catch (err) {
    return { error: `cannot listen on ${config.host}:${config.port}: ${err instanceof Error ? err.message : String(err)}` };
  }
}

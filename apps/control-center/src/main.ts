// The composition root of the Control Center (`ork control`, `ork-control-center serve`): the only
// file here that touches process, env, argv and signals. It can serve and report its version.
import type { AddressInfo } from 'node:net';
import { createLogger, isEntryPoint, readPackageVersion, runPlainApp, shutdownOnSignals } from '@orkestra/adapters/process';
import { systemClock } from '@orkestra/adapters/system';
import { buildServer } from './build-server.ts';
import { createControlCenterMetrics } from './cc-metrics.ts';
import { parseConfig, type ControlCenterConfig } from './config.ts';
import { bearerTokenFile, withRuntimeToken } from './bearer-token.ts';
import { getJson } from './get-json.ts';
import { getPreferLeader } from './get-prefer-leader.ts';
import { Poller } from './poller.ts';
import { PublishedSnapshot } from './published-snapshot.ts';
import { SseHub } from './sse-hub.ts';

const PACKAGE_JSON = new URL('../package.json', import.meta.url);
// The same relative place from src/, dist/ and the bundle in dist/.
const PUBLIC_DIR = new URL('../public/', import.meta.url);

/** Runs `ork-control-center <argv>` (or `ork control ...`); exit codes go to process.exitCode. */
export async function main(argv: readonly string[]): Promise<void> {
  await runPlainApp(argv, process.env, (text) => process.stdout.write(text), {
    program: 'ork-control-center', verb: 'serve', version: readPackageVersion(PACKAGE_JSON), parseConfig, serve, exit2,
  });
}

// Started as a program (node main.js, node ork-control-center.mjs) it runs; imported by `ork control` it waits to be called.
if (isEntryPoint(import.meta.url, process.argv[1])) await main(process.argv.slice(2));

async function serve(config: ControlCenterConfig): Promise<void> {
  const clock = systemClock;
  const log = createLogger(config.logLevel, clock, (line) => process.stdout.write(line));
  const shutdown = shutdownOnSignals(log, (event, listener) => process.once(event, listener));

  const metrics = createControlCenterMetrics();
  const hub = new SseHub((n) => metrics.setSseClients(n));
  const pollLog = log.child({ component: 'poller' });
  const lastStatus = new Map<string, string>();
  let published: PublishedSnapshot | undefined;
  // Issue 12: runtimes show CRs only to a caller with a token; ours goes to the configured runtimes
  // only, never to a gateway endpoint that a runtime's answer names.
  const get = withRuntimeToken(config.runtimeUrls, bearerTokenFile(config.tokenFile, clock), getJson);
  const poller = new Poller({
    urls: config.runtimeUrls, refreshMs: config.refreshMs, requestTimeoutMs: config.requestTimeoutMs, clock, get,
    onError: (message) => pollLog.error('poll failed', { err: message }),
    onPass: (snapshot, seconds) => {
      metrics.observePass(snapshot, seconds);
      hub.broadcast(published!.publish(snapshot));
      for (const r of snapshot.runtimes) {
        if (lastStatus.get(r.id) === r.status) continue;
        lastStatus.set(r.id, r.status);
        pollLog.info('runtime status', { runtime: r.id, url: r.url, status: r.status, err: r.error });
      }
    },
  });
  published = new PublishedSnapshot(poller.snapshot());
  const snapshots = published;
  const app = buildServer({
    urlOf: (id) => poller.urlOf(id),
    snapshot: () => poller.snapshot(),
    snapshotJson: () => snapshots.json(),
    snapshotFrame: () => snapshots.frame(),
    ...(config.allowedHosts !== undefined ? { allowedHosts: config.allowedHosts } : {}),
    get: (url) => getPreferLeader(url, config.requestTimeoutMs, get),
    passes: () => poller.passes(),
    hub, metrics, publicDir: PUBLIC_DIR, log: log.child({ component: 'http' }),
  });
  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (err) {
    hub.close();
    process.stderr.write(`ork-control-center: cannot listen on ${config.host}:${config.port}: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
    return;
  }
  // With ORK_PORT=0 the OS picks the port; tests read it from this line.
  log.info('http listening', { host: config.host, port: (app.server.address() as AddressInfo).port });
  log.info('control center starting', {
    runtimes: config.runtimeUrls.join(','), refreshMs: config.refreshMs, requestTimeoutMs: config.requestTimeoutMs,
    allowedHosts: config.allowedHosts?.join(',') ?? 'any',
  });
  if (config.allowedHosts === undefined) {
    log.warn('the Host header is not checked', { hint: 'set ALLOWED_HOSTS (ork control --allowed-hosts) to the names this Control Center is reached by, e.g. its Service and ingress host' });
  }

  await poller.run(shutdown.signal);
  // Open event streams would hold the server open: end them first.
  hub.close();
  await app.close();
  log.info('control center stopped', { signal: shutdown.received(), passes: poller.passes() });
  process.exit(0);
}

function exit2(message: string): void {
  process.stderr.write(`ork-control-center: ${message}\n`);
  process.exitCode = 2;
}

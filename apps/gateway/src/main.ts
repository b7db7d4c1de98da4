// The composition root of the gateway (`ork gate`): the only file here that touches process, env,
// argv, files and signals. It can gate and report its version, nothing else (DESIGN §1).
import { readFileSync } from 'node:fs';
import { isEntryPoint, readPackageVersion, runApp } from '@orkestra/adapters/process';
import { kubeCluster, loadKubeConfig } from '@orkestra/adapters/kube';
import { systemClock } from '@orkestra/adapters/system';
import type { PemKeyPair } from '@orkestra/adapters/tls';
import type { Katalog } from '@orkestra/lib';
import {
  checkCertPolicy, checkProvidedCertificate, planGatewayPolicy, planWebhookConfigs, servingSans, type CertRotationPolicy,
  type WebhookEndpoint,
} from '@orkestra/lib/gateway';
import type { Logger } from '@orkestra/lib/ports';
import { admissionHandlers } from './admission.ts';
import { CertManager, type CertSnapshot } from './cert-manager.ts';
import { certFacts, splitPem } from './cert-secret.ts';
import { parseConfig, type GatewayConfig } from './config.ts';
import { createGatewayMetrics } from './gateway-metrics.ts';
import { gatewayKatalog } from './gateway-view.ts';
import { Housekeeper } from './housekeeper.ts';
import { createLogger, shutdownOnSignals } from '@orkestra/adapters/process';
import { selfCheck } from './self-check.ts';
import { serveHttp } from './serve-http.ts';
import { serveWebhooks, type ServedWebhooks } from './serve-webhooks.ts';
import { deleteWebhookConfigs } from './webhook-configs.ts';

const DELETION_CONFIG = 'orkestra-deletion-protection';
const NAMESPACE_CONFIG = 'orkestra-namespace-protection';

const PACKAGE_JSON = new URL('../package.json', import.meta.url);

/** Runs `ork-gateway <argv>` (or `ork gate ...`); exit codes go to process.exitCode. */
export async function main(argv: readonly string[]): Promise<void> {
  await runApp(argv, process.env, (text) => process.stdout.write(text), {
    program: 'ork-gateway', verb: 'gate', version: readPackageVersion(PACKAGE_JSON), parseConfig, serve: gate, exit2,
  });
}

// Started as a program (node main.js, node ork-gateway.mjs) it runs; imported, it waits to be called.
if (isEntryPoint(import.meta.url, process.argv[1])) await main(process.argv.slice(2));

async function gate(config: GatewayConfig, katalog: Katalog): Promise<void> {
  const clock = systemClock;
  const policy = planGatewayPolicy(katalog, config.namespace);
  if (!policy.deletion && !policy.namespace) {
    return exit2(`${katalog.file}: nothing to gate: enable security.deletionProtection or security.namespaceProtection`);
  }
  const cm = katalog.security!.certManager;
  const certProblems = checkCertPolicy(cm);
  if (certProblems.length > 0) return exit2(`${katalog.file}: security.certManager: ${certProblems.join('; ')}`);
  const log = createLogger(config.logLevel, clock, (line) => process.stdout.write(line));
  // From here on a SIGTERM is a clean stop, even during start-up: the housekeeper then sees an
  // aborted signal at once and the shutdown path (cleanupOnShutdown, `gateway stopped`) runs.
  const shutdown = shutdownOnSignals(log, (event, listener) => process.once(event, listener));

  // Where the API server calls: the given URL, the Service in cluster, else loopback (dev, tests;
  // the port is known only once the server listens).
  const urlHost = config.webhookUrl !== undefined ? new URL(config.webhookUrl).hostname.replace(/^\[|\]$/g, '') : config.inCluster ? undefined : '127.0.0.1';
  const serviceHost = `${config.serviceName}.${config.namespace}.svc`;
  const serverName = urlHost ?? serviceHost;
  const sans = servingSans({ service: config.serviceName, namespace: config.namespace, clusterDomain: config.clusterDomain, local: urlHost !== undefined });
  if (urlHost !== undefined && !sans.includes(urlHost)) sans.push(urlHost);
  const rotation: CertRotationPolicy = { validForMs: cm.validForMs, rotationThresholdMs: cm.rotationThresholdMs, algorithm: cm.keyAlgorithm, autoRotate: cm.autoRotate, sans };

  let cluster: ReturnType<typeof kubeCluster>;
  try {
    cluster = kubeCluster(loadKubeConfig());
  } catch (err) {
    return exit2(`cannot load a kubeconfig: ${err instanceof Error ? err.message : String(err)}`);
  }
  const metrics = createGatewayMetrics();
  const { handlers, stats } = admissionHandlers(policy, log.child({ component: 'admission' }), {
    decision: (webhook, allowed) => metrics.observeDecision(webhook, allowed),
  });

  let webhooks: ServedWebhooks | undefined;
  let serving: PemKeyPair | undefined;
  const onCerts = (s: CertSnapshot): void => {
    metrics.setCertificateExpiry('serving', s.servingNotAfterMs);
    metrics.setCertificateExpiry('ca', s.caNotAfterMs);
    if (serving?.certPem === s.serving.certPem) return;
    if (webhooks) {
      try {
        webhooks.reload(s.serving);
        log.info('serving certificate reloaded', { notAfter: new Date(s.servingNotAfterMs).toISOString() });
      } catch (err) {
        log.error('serving certificate reload failed', { err: err instanceof Error ? err.message : String(err) });
        return;
      }
    }
    serving = s.serving;
  };

  let providedBundle: string | undefined;
  const certs = config.providedCert ? undefined : new CertManager({ cluster, clock, namespace: config.namespace, policy: rotation, log });
  const endpoint = (port: number): WebhookEndpoint => (config.webhookUrl !== undefined
    ? { type: 'url', url: config.webhookUrl }
    : config.inCluster ? { type: 'service', name: config.serviceName, namespace: config.namespace, port: config.servicePort }
    : { type: 'url', url: `https://127.0.0.1:${port}` });
  const housekeeper = new Housekeeper({
    cluster, clock, log: log.child({ component: 'housekeeper' }), namespace: config.namespace, envPaused: config.housekeeperPaused,
    ...(certs ? { certs } : {}),
    planConfigs: (bundle) => planWebhookConfigs(katalog, { endpoint: endpoint(webhooks?.port ?? config.webhookPort), caBundle: Buffer.from(bundle, 'utf8').toString('base64'), gatewayNamespace: config.namespace }),
    selfCheck: (bundle) => selfCheck({
      connectHost: config.webhookHost === '0.0.0.0' || config.webhookHost === '::' ? '127.0.0.1' : config.webhookHost,
      port: () => webhooks?.port ?? config.webhookPort, serverName, namespace: config.namespace,
    }, bundle),
    onCerts,
    onConfig: (c) => metrics.observeRepair(c.name, c.type === 'unchanged' ? 'updated' : c.type),
    get providedCaBundlePem() {
      return providedBundle;
    },
  });

  if (config.providedCert) {
    const provided = readProvided(config, serverName, rotation.rotationThresholdMs, clock.now(), log);
    if (provided === undefined) return;
    serving = provided.pair;
    providedBundle = provided.bundle;
    metrics.setCertificateExpiry('serving', provided.notAfterMs);
  } else {
    const r = await housekeeper.startCertificates();
    if (r.type === 'error') return exit1(r.message);
  }

  const served = await serveWebhooks({
    pair: serving!, handlers, host: config.webhookHost, port: config.webhookPort, log: log.child({ component: 'webhook' }),
    observe: (webhook, code, seconds) => metrics.observeRequest(webhook, code, seconds),
  });
  if ('error' in served) return exit1(served.error);
  webhooks = served;
  // With ORK_WEBHOOK_PORT=0 / ORK_PORT=0 the OS picks the ports; tests read them from these lines.
  // startupMs: from process start to serving, the cold-start figure operators and bench/gateway read.
  log.info('webhook listening', { host: config.webhookHost, port: served.port, startupMs: Math.round(performance.now()) });

  const http = await serveHttp({
    metrics,
    katalog: () => gatewayKatalog({
      katalog, policy, gatewayVersion: readPackageVersion(PACKAGE_JSON), stats,
      certificates: () => ({ managed: certs !== undefined, ...(housekeeper.snapshot() ? { servingNotAfterMs: housekeeper.snapshot()!.servingNotAfterMs, caNotAfterMs: housekeeper.snapshot()!.caNotAfterMs } : {}) }),
      housekeeper: () => ({ paused: housekeeper.paused(), intervalMs: config.housekeeperIntervalMs, configsApplied: housekeeper.configsApplied() }),
    }),
    readiness: () => {
      const checks = { certificates: serving !== undefined, webhookConfigurations: housekeeper.configsApplied() };
      return { ready: checks.certificates && checks.webhookConfigurations, checks };
    },
  }, config.host, config.port, log.child({ component: 'http' }));
  if ('error' in http) {
    await served.close();
    return exit1(http.error);
  }
  log.info('http listening', { host: config.host, port: http.port });

  const first = endpoint(served.port);
  log.info('gateway starting', {
    katalog: katalog.metadata.name, namespace: config.namespace,
    deletionProtection: policy.deletion !== undefined, namespaceProtection: policy.namespace !== undefined,
    endpoint: first.type === 'url' ? first.url : `service ${first.namespace}/${first.name}:${first.port}`,
    certificates: certs ? 'managed' : 'provided', housekeeperIntervalMs: config.housekeeperIntervalMs,
  });


  await housekeeper.run(config.housekeeperIntervalMs, shutdown.signal);

  const cleanup = [
    ...(katalog.security?.deletionProtection?.enabled && katalog.security.deletionProtection.cleanupOnShutdown ? [DELETION_CONFIG] : []),
    ...(katalog.security?.namespaceProtection?.enabled && katalog.security.namespaceProtection.cleanupOnShutdown ? [NAMESPACE_CONFIG] : []),
  ];
  for (const d of await deleteWebhookConfigs(cluster, cleanup)) {
    if (d.error === undefined) log.info('webhook configuration deleted', { name: d.name, reason: 'cleanupOnShutdown' });
    else log.warn('webhook configuration not deleted', { name: d.name, err: d.error });
  }
  await http.close();
  await served.close();
  const dp = stats['deletion-protection'];
  const np = stats['namespace-protection'];
  log.info('gateway stopped', {
    signal: shutdown.received(),
    requests: cluster.metrics.counts().reduce((n, c) => n + c.count, 0),
    forbidden: cluster.metrics.forbidden(),
    admissions: dp.total + np.total,
    denied: dp.blocked + np.blocked,
    rejected: dp.rejected + np.rejected,
    housekeeperPasses: housekeeper.counts().passes,
    repairs: housekeeper.counts().repairs,
  });
  process.exit(0);
}

/** Reads and checks TLS_CERT/TLS_KEY (and TLS_CA); undefined after printing why it cannot start. */
function readProvided(config: GatewayConfig, requiredHost: string, warnBeforeMs: number, nowMs: number, log: Logger): { pair: PemKeyPair; bundle: string; notAfterMs: number } | undefined {
  const p = config.providedCert!;
  const read = (name: string, path: string): string | undefined => {
    try {
      return readFileSync(path, 'utf8');
    } catch (err) {
      exit2(`${name}: cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
      return undefined;
    }
  };
  const certPem = read('TLS_CERT', p.certFile);
  const keyPem = certPem === undefined ? undefined : read('TLS_KEY', p.keyFile);
  const caPem = keyPem === undefined || p.caFile === undefined ? certPem : read('TLS_CA', p.caFile);
  if (certPem === undefined || keyPem === undefined || caPem === undefined) return undefined;
  const facts = certFacts(certPem);
  if (!facts) return void exit2(`TLS_CERT: ${p.certFile} holds no readable PEM certificate`);
  if (splitPem(caPem).length === 0) return void exit2(`TLS_CA: ${p.caFile ?? p.certFile} holds no PEM certificate`);
  const problems = checkProvidedCertificate(nowMs, facts, [requiredHost], warnBeforeMs);
  const error = problems.find((x) => x.severity === 'error');
  if (error) return void exit2(error.message);
  for (const w of problems) log.warn('provided certificate', { problem: w.type, message: w.message });
  return { pair: { certPem, keyPem }, bundle: caPem, notAfterMs: facts.notAfterMs };
}

function exit2(message: string): void {
  process.stderr.write(`ork-gateway: ${message}\n`);
  process.exitCode = 2;
}

function exit1(message: string): void {
  process.stderr.write(`ork-gateway: ${message}\n`);
  process.exitCode = 1;
}

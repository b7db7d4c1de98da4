// The composition root of the gateway (`ork gate`): the only file here that touches process, env,
// argv, files and signals. It can gate and report its version, nothing else (DESIGN §1).
import { readFileSync } from 'node:fs';
import { isEntryPoint, readPackageVersion, runApp } from '@orkestra/adapters/process';
import { kubeCluster, loadKubeConfig } from '@orkestra/adapters/kube';
import { systemClock } from '@orkestra/adapters/system';
import { generateCa, generateClientCert, readCertificate, type PemKeyPair } from '@orkestra/adapters/tls';
import type { ClientAuth } from '@orkestra/adapters/webhook';
import type { Katalog } from '@orkestra/lib';
import {
  checkCertPolicy, checkProvidedCertificate, planGatewayPolicy, planWebhookConfigs, servingSans, type CertRotationPolicy,
  type WebhookEndpoint,
} from '@orkestra/lib/gateway';
import type { Logger } from '@orkestra/lib/ports';
import { CONVERSION_PATH, planCrdConversion } from '@orkestra/lib/crd';
import { admissionHandlers } from './admission.ts';
import { conversionCrds, conversionRoute } from './conversion.ts';
import { CertManager, type CertSnapshot } from './cert-manager.ts';
import { certFacts, splitPem } from './cert-secret.ts';
import { parseConfig, type GatewayConfig } from './config.ts';
import { createGatewayMetrics } from './gateway-metrics.ts';
import { gatewayKatalog } from './gateway-view.ts';
import { podReader } from './pod-reader.ts';
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
  const policy = planGatewayPolicy(katalog, config.namespace, { admissionFromEnv: config.admissionFromEnv });
  // Issue 18: /convert, when the Katalog has conversion paths; security.conversion.enabled, else
  // ENABLE_CONVERSION (the chart's gateway.webhooks.conversion), may switch it off.
  const conversionOn = katalog.security?.conversion?.enabled ?? config.enableConversion ?? true;
  const conversions = conversionOn ? conversionCrds(katalog) : [];
  if (!policy.deletion && !policy.namespace && !policy.admission && conversions.length === 0) {
    return exit2(`${katalog.file}: nothing to gate: enable security.deletionProtection, security.namespaceProtection, admission rules (security.webhooks.admission.enabled or ENABLE_ADMISSION_WEBHOOK), or give a CRD conversion paths`);
  }
  if (katalog.security === undefined) return exit2(`${katalog.file}: the gateway needs a security: block (its certificates are set under security.certManager)`);
  const cm = katalog.security.certManager;
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
  const metrics = createGatewayMetrics({ ruleCrds: (policy.admission?.crds ?? []).map((c) => c.crd) });
  const { routes, stats } = admissionHandlers(policy, log.child({ component: 'admission' }), {
    decision: (webhook, allowed) => metrics.observeDecision(webhook, allowed),
    undecided: (webhook, reason) => metrics.observeUndecided(webhook, reason),
    ruleDecision: (webhook, crd, decision) => metrics.observeRuleDecision(webhook, crd, decision),
  }, podReader(cluster, log.child({ component: 'admission' })));
  const convert = conversionRoute(conversions, {
    log: log.child({ component: 'conversion' }),
    observer: {
      objects: (crd, from, to, ok, count) => metrics.observeConversion(crd, from, to, ok, count),
      review: (crd, seconds, objects) => metrics.observeConversionReview(crd, seconds, objects),
    },
    now: () => performance.now() / 1000,
    // Katalog > env > default, as the reference reads conversionWindow.
    windowSize: katalog.security?.conversion?.window ?? config.conversionWindow,
  });
  const clientAuth = config.clientAuth ? await webhookClientAuth(config.clientAuth, clock.now()) : undefined;
  if (clientAuth !== undefined && 'error' in clientAuth) return exit2(clientAuth.error);

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
    planConfigs: (bundle) => planWebhookConfigs(katalog, { endpoint: endpoint(webhooks?.port ?? config.webhookPort), caBundle: Buffer.from(bundle, 'utf8').toString('base64'), gatewayNamespace: config.namespace, policy }),
    selfCheck: (bundle) => selfCheck({
      connectHost: config.webhookHost === '0.0.0.0' || config.webhookHost === '::' ? '127.0.0.1' : config.webhookHost,
      port: () => webhooks?.port ?? config.webhookPort, serverName, namespace: config.namespace,
      ...(clientAuth ? { client: clientAuth.selfCheck } : {}),
    }, bundle),
    onCerts,
    onConfig: (c) => metrics.observeRepair(c.name, c.type === 'unchanged' ? 'updated' : c.type),
    planCrdConversions: (bundle) => conversions.flatMap((c) => {
      const crd = katalog.crds.find((k) => k.name === c.crd)!;
      if (!crd.conversion?.updateCRD) return [];
      const conversion = planCrdConversion(crd, endpoint(webhooks?.port ?? config.webhookPort), Buffer.from(bundle, 'utf8').toString('base64'));
      return conversion ? [{ name: `${crd.plural}.${crd.group}`, conversion }] : [];
    }),
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
    pair: serving!, routes, ...(conversions.length > 0 ? { rawRoutes: { [CONVERSION_PATH]: convert.route } } : {}), host: config.webhookHost, port: config.webhookPort, log: log.child({ component: 'webhook' }),
    ...(clientAuth ? { clientAuth: clientAuth.auth } : {}),
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
      ...(conversions.length > 0 ? { conversion: { crds: conversions.map((c) => c.crd), stats: convert.stats, window: convert.window } } : {}),
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
    admissionRules: (policy.admission?.crds ?? []).map((c) => c.crd).join(',') || 'off',
    conversion: conversions.map((c) => c.crd).join(',') || 'off',
    ...(conversions.length > 0 ? { conversionWindow: convert.window.size } : {}),
    endpoint: first.type === 'url' ? first.url : `service ${first.namespace}/${first.name}:${first.port}`,
    certificates: certs ? 'managed' : 'provided', housekeeperIntervalMs: config.housekeeperIntervalMs,
    clientCertificates: clientAuth ? (config.clientAuth!.allowedNames.join(',') || 'any from the CA') : 'not required',
  });


  await housekeeper.run(config.housekeeperIntervalMs, shutdown.signal);

  const ruleCleanup = policy.admission && katalog.security?.webhooks.cleanupOnShutdown
    ? planWebhookConfigs(katalog, { endpoint: first, caBundle: '', gatewayNamespace: config.namespace, policy }).filter((c) => c.metadata.name.startsWith('orkestra-admission-')).map((c) => ({ name: c.metadata.name, kind: c.kind }))
    : [];
  const cleanup = [
    ...(katalog.security?.deletionProtection?.enabled && katalog.security.deletionProtection.cleanupOnShutdown ? [DELETION_CONFIG] : []),
    ...(katalog.security?.namespaceProtection?.enabled && katalog.security.namespaceProtection.cleanupOnShutdown ? [NAMESPACE_CONFIG] : []),
    ...ruleCleanup,
  ];
  for (const d of await deleteWebhookConfigs(cluster, cleanup)) {
    if (d.error === undefined) log.info('webhook configuration deleted', { name: d.name, reason: 'cleanupOnShutdown' });
    else log.warn('webhook configuration not deleted', { name: d.name, err: d.error });
  }
  await http.close();
  await served.close();
  const dp = stats['deletion-protection'];
  const np = stats['namespace-protection'];
  const vr = stats.validate;
  const mr = stats.mutate;
  log.info('gateway stopped', {
    signal: shutdown.received(),
    requests: cluster.metrics.counts().reduce((n, c) => n + c.count, 0),
    forbidden: cluster.metrics.forbidden(),
    admissions: dp.total + np.total + vr.total + mr.total,
    denied: dp.blocked + np.blocked + vr.blocked,
    rejected: dp.rejected + np.rejected + vr.rejected + mr.rejected,
    undecided: dp.undecided + np.undecided + vr.undecided + mr.undecided,
    conversions: convert.stats.reviews,
    convertedObjects: convert.stats.objects - convert.stats.failures,
    conversionFailures: convert.stats.rejected,
    housekeeperPasses: housekeeper.counts().passes,
    repairs: housekeeper.counts().repairs,
  });
  process.exit(0);
}

/**
 * ORK_WEBHOOK_CLIENT_CA: the CAs whose client certificates the webhook port accepts, plus a CA made
 * here and kept only in memory that signs the housekeeper's self-check certificate (the gateway
 * cannot hold a certificate of the API server's CA, and nothing else can hold one of this CA).
 */
async function webhookClientAuth(c: NonNullable<GatewayConfig['clientAuth']>, nowMs: number): Promise<{ auth: ClientAuth; selfCheck: PemKeyPair } | { error: string }> {
  let caPem: string;
  try {
    caPem = readFileSync(c.caFile, 'utf8');
  } catch (err) {
    return { error: `ORK_WEBHOOK_CLIENT_CA: cannot read ${c.caFile}: ${(err as NodeJS.ErrnoException).code ?? String(err)}` };
  }
  if (splitPem(caPem).length === 0) return { error: `ORK_WEBHOOK_CLIENT_CA: ${c.caFile} holds no PEM certificate` };
  const validForMs = 10 * 365 * 24 * 3_600_000;
  const selfCa = await generateCa({ commonName: 'orkestra-gateway-self-check-ca', validForMs, nowMs });
  const selfCheck = await generateClientCert({ ca: selfCa, commonName: 'orkestra-gateway-self-check', validForMs, nowMs });
  return {
    auth: { caPem: `${caPem.trimEnd()}\n${selfCa.certPem}`, allowedNames: c.allowedNames, alwaysAllowedFingerprints: [readCertificate(selfCheck.certPem).fingerprintSha256] },
    selfCheck,
  };
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

// The gateway's environment (set by the chart, DESIGN §6/§7), validated in one place so a bad value
// is one line naming the variable and exit 2, before anything talks to the cluster.
import * as v from 'valibot';
import { envBool, envDuration, envInteger, envLogLevel, envOptionalText, envText, parseEnv, type LogLevel } from '@orkestra/adapters/process';

/** Log levels, least to most severe. */

/** The gateway's configuration with every default applied; durations in ms. */
export interface GatewayConfig {
  readonly logLevel: LogLevel;
  readonly katalogPath?: string;
  /** Where the gateway runs: its TLS Secret lives here and every webhook skips this namespace. */
  readonly namespace: string;
  /** HTTP API (probes, /metrics, /katalog); 0 picks a free port (tests). */
  readonly port: number;
  readonly host: string;
  /** HTTPS webhook server; 0 picks a free port (tests). */
  readonly webhookPort: number;
  readonly webhookHost: string;
  /** Base URL the API server calls (`clientConfig.url`), e.g. https://127.0.0.1:8443; the path is appended. */
  readonly webhookUrl?: string;
  /** In cluster (no webhookUrl), the Service the API server calls. */
  readonly serviceName: string;
  readonly servicePort: number;
  readonly clusterDomain: string;
  /** True when KUBERNETES_SERVICE_HOST is set: without webhookUrl the configurations name the Service. */
  readonly inCluster: boolean;
  /** TLS_CERT/TLS_KEY (file paths): a certificate the gateway serves as given and never rotates. */
  readonly providedCert?: { readonly certFile: string; readonly keyFile: string; readonly caFile?: string };
  /**
   * ORK_WEBHOOK_CLIENT_CA (a PEM file): the webhook port then requires a client certificate from
   * it, the one the API server presents through its admission-control configuration
   * (docs/security.md). ORK_WEBHOOK_CLIENT_NAMES narrows it to certificates naming one of these.
   */
  readonly clientAuth?: { readonly caFile: string; readonly allowedNames: readonly string[] };
  readonly housekeeperIntervalMs: number;
  /** HOUSEKEEPER_PAUSED: the break-glass switch, also settable live on the TLS Secret (README). */
  readonly housekeeperPaused: boolean;
  /**
   * ENABLE_ADMISSION_WEBHOOK (issue 15; the chart sets it from gateway.webhooks.enabled and
   * gateway.webhooks.admission): serves the webhooks of validation and mutation rules when the
   * Katalog leaves security.webhooks.admission.enabled unset.
   */
  readonly admissionFromEnv: boolean;
  /** Issue 18: ENABLE_CONVERSION (the chart's gateway.webhooks.conversion); unset leaves it to the Katalog. */
  readonly enableConversion?: boolean;
  /** Issue 18: CONVERSION_WINDOW, reviews in /convert's rolling stats when the Katalog's conversionWindow is unset. */
  readonly conversionWindow: number;
}

/** A usable config, or the one line to print before exiting 2. */
export type ConfigResult = { readonly type: 'ok'; readonly config: GatewayConfig } | { readonly type: 'error'; readonly message: string };

const dnsLabel = v.regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, 'must be a DNS label (RFC 1123: lower case, digits, -)');

const httpsUrl = v.optional(v.pipe(
  v.string(), v.trim(),
  v.check((s) => {
    try {
      const u = new URL(s);
      return u.protocol === 'https:' && u.search === '' && u.hash === '' && u.username === '';
    } catch {
      return false;
    }
  }, 'must be an https:// URL without query, fragment or user, e.g. https://127.0.0.1:8443'),
  v.transform((s) => s.replace(/\/+$/, '')),
));

const ENV = v.object({
  LOG_LEVEL: envLogLevel,
  KATALOG_PATH: envOptionalText,
  ORK_NAMESPACE: v.optional(v.pipe(v.string(), v.trim(), dnsLabel)),
  POD_NAMESPACE: v.optional(v.pipe(v.string(), v.trim(), dnsLabel)),
  ORK_PORT: envInteger(8080, 0, 65535),
  ORK_HOST: envText('0.0.0.0'),
  ORK_WEBHOOK_PORT: envInteger(8443, 0, 65535),
  ORK_WEBHOOK_HOST: envText('0.0.0.0'),
  ORK_WEBHOOK_URL: httpsUrl,
  ORK_GATEWAY_SERVICE_NAME: v.pipe(envText('orkestra-gateway'), dnsLabel),
  ORK_GATEWAY_SERVICE_PORT: envInteger(8443, 1, 65535),
  CLUSTER_DOMAIN: v.pipe(envText('cluster.local'), v.regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, 'must be a DNS domain such as cluster.local')),
  KUBERNETES_SERVICE_HOST: envOptionalText,
  TLS_CERT: envOptionalText,
  TLS_KEY: envOptionalText,
  TLS_CA: envOptionalText,
  ORK_WEBHOOK_CLIENT_CA: envOptionalText,
  ORK_WEBHOOK_CLIENT_NAMES: envOptionalText,
  HOUSEKEEPER_SYNC_INTERVAL: envDuration('30s', 100),
  HOUSEKEEPER_PAUSED: envBool(false),
  ENABLE_ADMISSION_WEBHOOK: envBool(false),
  // Issue 18: only read when set (the Katalog's security.conversion.enabled wins either way).
  ENABLE_CONVERSION: envBool(false),
  // Issue 18: the reference's env fallback for security.conversion.conversionWindow (same bounds).
  CONVERSION_WINDOW: envInteger(100, 1, 100_000),
});

/** Reads the gateway's configuration from an environment record (process.env in main.ts). */
export function parseConfig(env: Readonly<Record<string, string | undefined>>): ConfigResult {
  const parsed = parseEnv(ENV, env);
  if (parsed.type === 'error') return parsed;
  const e = parsed.value;
  if ((e.TLS_CERT === undefined) !== (e.TLS_KEY === undefined)) {
    return { type: 'error', message: `${e.TLS_CERT === undefined ? 'TLS_CERT' : 'TLS_KEY'}: must be set together with ${e.TLS_CERT === undefined ? 'TLS_KEY' : 'TLS_CERT'} (or neither, to let the gateway manage its certificates)` };
  }
  if (e.TLS_CA !== undefined && e.TLS_CERT === undefined) return { type: 'error', message: 'TLS_CA: only used with TLS_CERT and TLS_KEY' };
  const clientNames = (e.ORK_WEBHOOK_CLIENT_NAMES ?? '').split(',').map((n) => n.trim()).filter((n) => n !== '');
  if (clientNames.length > 0 && e.ORK_WEBHOOK_CLIENT_CA === undefined) {
    return { type: 'error', message: 'ORK_WEBHOOK_CLIENT_NAMES: only used with ORK_WEBHOOK_CLIENT_CA (the CA of the API server\'s webhook client certificate)' };
  }
  return {
    type: 'ok',
    config: {
      logLevel: e.LOG_LEVEL,
      ...(e.KATALOG_PATH !== undefined ? { katalogPath: e.KATALOG_PATH } : {}),
      namespace: e.ORK_NAMESPACE ?? e.POD_NAMESPACE ?? 'orkestra-system',
      port: e.ORK_PORT,
      host: e.ORK_HOST,
      webhookPort: e.ORK_WEBHOOK_PORT,
      webhookHost: e.ORK_WEBHOOK_HOST,
      ...(e.ORK_WEBHOOK_URL !== undefined ? { webhookUrl: e.ORK_WEBHOOK_URL } : {}),
      serviceName: e.ORK_GATEWAY_SERVICE_NAME,
      servicePort: e.ORK_GATEWAY_SERVICE_PORT,
      clusterDomain: e.CLUSTER_DOMAIN,
      inCluster: e.KUBERNETES_SERVICE_HOST !== undefined,
      ...(e.TLS_CERT !== undefined && e.TLS_KEY !== undefined
        ? { providedCert: { certFile: e.TLS_CERT, keyFile: e.TLS_KEY, ...(e.TLS_CA !== undefined ? { caFile: e.TLS_CA } : {}) } }
        : {}),
      ...(e.ORK_WEBHOOK_CLIENT_CA !== undefined ? { clientAuth: { caFile: e.ORK_WEBHOOK_CLIENT_CA, allowedNames: clientNames } } : {}),
      housekeeperIntervalMs: e.HOUSEKEEPER_SYNC_INTERVAL,
      housekeeperPaused: e.HOUSEKEEPER_PAUSED,
      admissionFromEnv: e.ENABLE_ADMISSION_WEBHOOK,
      ...(env['ENABLE_CONVERSION'] !== undefined && env['ENABLE_CONVERSION'].trim() !== '' ? { enableConversion: e.ENABLE_CONVERSION } : {}),
      conversionWindow: e.CONVERSION_WINDOW,
    },
  };
}

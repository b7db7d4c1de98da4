// The gateway's environment (set by the chart, DESIGN §6/§7), validated in one place so a bad value
// is one line naming the variable and exit 2, before anything talks to the cluster.
import * as v from 'valibot';
import { parseDuration } from '@orkestra/lib';

/** Log levels, least to most severe. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

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
  readonly housekeeperIntervalMs: number;
  /** HOUSEKEEPER_PAUSED: the break-glass switch, also settable live on the TLS Secret (README). */
  readonly housekeeperPaused: boolean;
}

/** A usable config, or the one line to print before exiting 2. */
export type ConfigResult = { readonly type: 'ok'; readonly config: GatewayConfig } | { readonly type: 'error'; readonly message: string };

const text = (fallback: string) => v.optional(v.pipe(v.string(), v.trim(), v.nonEmpty('must not be empty')), fallback);
const optionalText = v.optional(v.pipe(v.string(), v.trim(), v.nonEmpty('must not be empty')));
const dnsLabel = v.regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, 'must be a DNS label (RFC 1123: lower case, digits, -)');

const integer = (fallback: number, min: number, max = Number.MAX_SAFE_INTEGER) => v.pipe(
  v.optional(v.string(), String(fallback)),
  v.trim(),
  v.regex(/^\d+$/, 'must be a whole number'),
  v.transform(Number),
  v.minValue(min, `must be at least ${min}`),
  v.maxValue(max, `must be at most ${max}`),
);

// Go durations (`30s`, `1m30s`) as the chart writes them; a bare number means seconds.
const duration = (fallback: string, minMs: number) => v.pipe(
  v.optional(v.string(), fallback),
  v.trim(),
  v.transform((s) => (/^\d+(\.\d+)?$/.test(s) ? Number(s) * 1000 : parseDuration(s))),
  v.number('must be a duration such as 30s, 1m or 500ms (a bare number means seconds)'),
  v.minValue(minMs, `must be at least ${minMs}ms`),
);

const bool = (fallback: boolean) => v.pipe(
  v.optional(v.string(), String(fallback)),
  v.trim(),
  v.toLowerCase(),
  v.picklist(['true', 'false', '1', '0', 'yes', 'no'], 'must be true or false'),
  v.transform((s) => s === 'true' || s === '1' || s === 'yes'),
);

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
  LOG_LEVEL: v.pipe(v.optional(v.string(), 'info'), v.trim(), v.toLowerCase(), v.picklist(['debug', 'info', 'warn', 'error'], 'must be one of debug, info, warn, error')),
  KATALOG_PATH: optionalText,
  ORK_NAMESPACE: v.optional(v.pipe(v.string(), v.trim(), dnsLabel)),
  POD_NAMESPACE: v.optional(v.pipe(v.string(), v.trim(), dnsLabel)),
  ORK_PORT: integer(8080, 0, 65535),
  ORK_HOST: text('0.0.0.0'),
  ORK_WEBHOOK_PORT: integer(8443, 0, 65535),
  ORK_WEBHOOK_HOST: text('0.0.0.0'),
  ORK_WEBHOOK_URL: httpsUrl,
  ORK_GATEWAY_SERVICE_NAME: v.pipe(text('orkestra-gateway'), dnsLabel),
  ORK_GATEWAY_SERVICE_PORT: integer(8443, 1, 65535),
  CLUSTER_DOMAIN: v.pipe(text('cluster.local'), v.regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, 'must be a DNS domain such as cluster.local')),
  KUBERNETES_SERVICE_HOST: optionalText,
  TLS_CERT: optionalText,
  TLS_KEY: optionalText,
  TLS_CA: optionalText,
  HOUSEKEEPER_SYNC_INTERVAL: duration('30s', 100),
  HOUSEKEEPER_PAUSED: bool(false),
});

/** Reads the gateway's configuration from an environment record (process.env in main.ts). */
export function parseConfig(env: Readonly<Record<string, string | undefined>>): ConfigResult {
  // An empty variable is treated as unset, as the chart renders unset values as "".
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = v.safeParse(ENV, present);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const name = issue.path?.[0]?.key;
    return { type: 'error', message: `${typeof name === 'string' ? name : 'environment'}: ${issue.message}` };
  }
  const e = parsed.output;
  if ((e.TLS_CERT === undefined) !== (e.TLS_KEY === undefined)) {
    return { type: 'error', message: `${e.TLS_CERT === undefined ? 'TLS_CERT' : 'TLS_KEY'}: must be set together with ${e.TLS_CERT === undefined ? 'TLS_KEY' : 'TLS_CERT'} (or neither, to let the gateway manage its certificates)` };
  }
  if (e.TLS_CA !== undefined && e.TLS_CERT === undefined) return { type: 'error', message: 'TLS_CA: only used with TLS_CERT and TLS_KEY' };
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
      housekeeperIntervalMs: e.HOUSEKEEPER_SYNC_INTERVAL,
      housekeeperPaused: e.HOUSEKEEPER_PAUSED,
    },
  };
}

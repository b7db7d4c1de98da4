// The runtime's environment (set by the chart, DESIGN §6), validated in one place so a bad value is
// one line naming the variable and exit 2, before anything talks to the cluster.
import * as v from 'valibot';
import { checkLeaderElectionConfig, parseDuration } from '@orkestra/lib';

/** Log levels, least to most severe. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** The runtime's configuration with every default applied; durations in ms. */
export interface RuntimeConfig {
  readonly logLevel: LogLevel;
  readonly defaultWorkers: number;
  readonly defaultResyncMs: number;
  readonly queueMaxDepth: number;
  readonly failureThreshold: number;
  readonly env: string;
  readonly leaderElection: boolean;
  readonly leaseDurationMs: number;
  readonly renewDeadlineMs: number;
  readonly retryPeriodMs: number;
  readonly katalogPath?: string;
  readonly gatewayEndpoint?: string;
  readonly serverReadTimeoutMs: number;
  readonly serverWriteTimeoutMs: number;
  readonly namespace: string;
  /** 0 picks a free port (tests); main.ts logs the one it got. */
  readonly port: number;
  /** Address to listen on: all interfaces in a cluster, loopback in tests. */
  readonly host: string;
}

/** A usable config, or the one line to print before exiting 2. */
export type ConfigResult = { readonly type: 'ok'; readonly config: RuntimeConfig } | { readonly type: 'error'; readonly message: string };

const text = (fallback: string) => v.optional(v.pipe(v.string(), v.trim(), v.nonEmpty('must not be empty')), fallback);
const optionalText = v.optional(v.pipe(v.string(), v.trim(), v.nonEmpty('must not be empty')));

const integer = (fallback: number, min: number, max = Number.MAX_SAFE_INTEGER) => v.pipe(
  v.optional(v.string(), String(fallback)),
  v.trim(),
  v.regex(/^\d+$/, 'must be a whole number'),
  v.transform(Number),
  v.minValue(min, `must be at least ${min}`),
  v.maxValue(max, `must be at most ${max}`),
);

// Go durations (`30s`, `1m30s`) as the chart writes them; a bare number means seconds.
const duration = (fallback: string) => v.pipe(
  v.optional(v.string(), fallback),
  v.trim(),
  v.transform((s) => (/^\d+(\.\d+)?$/.test(s) ? Number(s) * 1000 : parseDuration(s))),
  v.number('must be a duration such as 30s, 1m or 500ms (a bare number means seconds)'),
  v.minValue(1, 'must be longer than zero'),
);

const bool = (fallback: boolean) => v.pipe(
  v.optional(v.string(), String(fallback)),
  v.trim(),
  v.toLowerCase(),
  v.picklist(['true', 'false', '1', '0', 'yes', 'no'], 'must be true or false'),
  v.transform((s) => s === 'true' || s === '1' || s === 'yes'),
);

const ENV = v.object({
  LOG_LEVEL: v.pipe(v.optional(v.string(), 'info'), v.trim(), v.toLowerCase(), v.picklist(['debug', 'info', 'warn', 'error'], 'must be one of debug, info, warn, error')),
  DEFAULT_WORKERS: integer(2, 1, 1000),
  DEFAULT_RESYNC: duration('30s'),
  QUEUE_MAX_DEPTH: integer(500, 1),
  FAILURE_THRESHOLD: integer(10, 1),
  ORK_ENV: text('production'),
  LEADER_ELECTION: bool(true),
  LEASE_DURATION: duration('15'),
  RENEW_DEADLINE: duration('10'),
  RETRY_PERIOD: duration('5'),
  KATALOG_PATH: optionalText,
  ORK_GATEWAY_ENDPOINT: optionalText,
  SRV_READ_TIMEOUT: duration('15s'),
  SRV_WRITE_TIMEOUT: duration('15s'),
  ORK_NAMESPACE: v.pipe(text('orkestra-system'), v.regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, 'must be a namespace name (RFC 1123 label)')),
  ORK_PORT: integer(8080, 0, 65535),
  ORK_HOST: text('0.0.0.0'),
});

/** Reads the runtime's configuration from an environment record (process.env in main.ts). */
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
  const leader = { leaseDurationMs: e.LEASE_DURATION, renewDeadlineMs: e.RENEW_DEADLINE, retryPeriodMs: e.RETRY_PERIOD };
  const problems = e.LEADER_ELECTION ? checkLeaderElectionConfig(leader) : [];
  if (problems.length > 0) return { type: 'error', message: `LEASE_DURATION, RENEW_DEADLINE, RETRY_PERIOD: ${problems.join('; ')}` };
  return {
    type: 'ok',
    config: {
      logLevel: e.LOG_LEVEL,
      defaultWorkers: e.DEFAULT_WORKERS,
      defaultResyncMs: e.DEFAULT_RESYNC,
      queueMaxDepth: e.QUEUE_MAX_DEPTH,
      failureThreshold: e.FAILURE_THRESHOLD,
      env: e.ORK_ENV,
      leaderElection: e.LEADER_ELECTION,
      ...leader,
      ...(e.KATALOG_PATH !== undefined ? { katalogPath: e.KATALOG_PATH } : {}),
      ...(e.ORK_GATEWAY_ENDPOINT !== undefined ? { gatewayEndpoint: e.ORK_GATEWAY_ENDPOINT } : {}),
      serverReadTimeoutMs: e.SRV_READ_TIMEOUT,
      serverWriteTimeoutMs: e.SRV_WRITE_TIMEOUT,
      namespace: e.ORK_NAMESPACE,
      port: e.ORK_PORT,
      host: e.ORK_HOST,
    },
  };
}

// The runtime's environment (set by the chart, DESIGN §6), validated in one place so a bad value is
// one line naming the variable and exit 2, before anything talks to the cluster.
import * as v from 'valibot';
import { checkLeaderElectionConfig } from '@orkestra/lib/runtime';
import { envBool, envDuration, envInteger, envLogLevel, envOptionalText, envText, parseEnv, type LogLevel } from '@orkestra/adapters/process';
import { parseRegistryConfig, type RegistryConfig } from './registry-config.ts';

/** Log levels, least to most severe. */

/** The runtime's configuration with every default applied; durations in ms. */
export interface RuntimeConfig {
  readonly logLevel: LogLevel;
  readonly defaultWorkers: number;
  readonly defaultResyncMs: number;
  readonly queueMaxDepth: number;
  readonly failureThreshold: number;
  /** Longest a reconcile's planning may run before it is stopped and failed (issue 12). */
  readonly reconcileCpuBudgetMs: number;
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
  /** Follow a Katalog in an OCI registry instead of a file (issue 19); undefined for a file. */
  readonly registry?: RegistryConfig;
}

/** A usable config, or the one line to print before exiting 2. */
export type ConfigResult = { readonly type: 'ok'; readonly config: RuntimeConfig } | { readonly type: 'error'; readonly message: string };

const ENV = v.object({
  LOG_LEVEL: envLogLevel,
  DEFAULT_WORKERS: envInteger(2, 1, 1000),
  DEFAULT_RESYNC: envDuration('30s'),
  QUEUE_MAX_DEPTH: envInteger(500, 1),
  FAILURE_THRESHOLD: envInteger(10, 1),
  // Issue 12: planning one CR normally takes well under 10 ms; 1 s is far above that on a busy
  // node and far below the lease's renew deadline, so a runaway CR cannot cost leadership.
  RECONCILE_CPU_BUDGET: envDuration('1s'),
  ORK_ENV: envText('production'),
  LEADER_ELECTION: envBool(true),
  LEASE_DURATION: envDuration('15'),
  RENEW_DEADLINE: envDuration('10'),
  RETRY_PERIOD: envDuration('5'),
  KATALOG_PATH: envOptionalText,
  ORK_GATEWAY_ENDPOINT: envOptionalText,
  SRV_READ_TIMEOUT: envDuration('15s'),
  SRV_WRITE_TIMEOUT: envDuration('15s'),
  ORK_NAMESPACE: v.pipe(envText('orkestra-system'), v.regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, 'must be a namespace name (RFC 1123 label)')),
  ORK_PORT: envInteger(8080, 0, 65535),
  ORK_HOST: envText('0.0.0.0'),
});

/** Reads the runtime's configuration from an environment record (process.env in main.ts). */
export function parseConfig(env: Readonly<Record<string, string | undefined>>): ConfigResult {
  const parsed = parseEnv(ENV, env);
  if (parsed.type === 'error') return parsed;
  const e = parsed.value;
  const leader = { leaseDurationMs: e.LEASE_DURATION, renewDeadlineMs: e.RENEW_DEADLINE, retryPeriodMs: e.RETRY_PERIOD };
  const problems = e.LEADER_ELECTION ? checkLeaderElectionConfig(leader) : [];
  if (problems.length > 0) return { type: 'error', message: `LEASE_DURATION, RENEW_DEADLINE, RETRY_PERIOD: ${problems.join('; ')}` };
  const registry = parseRegistryConfig(env);
  if (registry.type === 'error') return registry;
  if (registry.registry && e.KATALOG_PATH !== undefined) return { type: 'error', message: 'ORK_REGISTRY_URL and KATALOG_PATH are both set: the Katalog comes from one place' };
  return {
    type: 'ok',
    config: {
      logLevel: e.LOG_LEVEL,
      defaultWorkers: e.DEFAULT_WORKERS,
      defaultResyncMs: e.DEFAULT_RESYNC,
      queueMaxDepth: e.QUEUE_MAX_DEPTH,
      failureThreshold: e.FAILURE_THRESHOLD,
      reconcileCpuBudgetMs: e.RECONCILE_CPU_BUDGET,
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
      ...(registry.registry ? { registry: registry.registry } : {}),
    },
  };
}

// The Control Center's environment (set by chart/templates/controlcenter-deployment.yaml), validated
// in one place so a bad value is one line naming the variable and exit 2, before anything listens.
import * as v from 'valibot';
import { envDuration, envInteger, envLogLevel, envText, parseEnv, type LogLevel } from '@orkestra/adapters/process';
import { effectiveAllowedHosts, parseAllowedHosts, parseRuntimeUrls } from '@orkestra/lib/control-center';
import { IN_CLUSTER_TOKEN_FILE } from './bearer-token.ts';

/** The Control Center's configuration with every default applied; durations in ms. */
export interface ControlCenterConfig {
  readonly logLevel: LogLevel;
  /** HTTP port of the UI and API; 0 picks a free port (tests). */
  readonly port: number;
  readonly host: string;
  /** Runtime base URLs without a trailing slash, in the order that gives their ids r0, r1, ... */
  readonly runtimeUrls: readonly string[];
  readonly refreshMs: number;
  /** Bound on every request to a runtime or gateway. */
  readonly requestTimeoutMs: number;
  /**
   * ALLOWED_HOSTS (`ork control --allowed-hosts`): the names the UI and API answer to; by default
   * the localhost names when ORK_HOST is a loopback address. Undefined: Host is not checked.
   */
  readonly allowedHosts?: readonly string[];
  /** The ServiceAccount token sent to runtimes (issue 12): the in-cluster path unless ORK_TOKEN_FILE says otherwise. */
  readonly tokenFile: string;
}

/** A usable config, or the one line to print before exiting 2. */
export type ConfigResult = { readonly type: 'ok'; readonly config: ControlCenterConfig } | { readonly type: 'error'; readonly message: string };

const ENV = v.object({
  LOG_LEVEL: envLogLevel,
  ORK_PORT: envInteger(8081, 0, 65535),
  ORK_HOST: envText('0.0.0.0'),
  ORKESTRA_URLS: v.optional(v.string()),
  REFRESH_INTERVAL: envDuration('10s', 100),
  REQUEST_TIMEOUT: envDuration('5s', 100),
  ALLOWED_HOSTS: v.optional(v.string()),
  ORK_TOKEN_FILE: envText(IN_CLUSTER_TOKEN_FILE),
});

/** Reads the Control Center's configuration from an environment record (process.env in main.ts). */
export function parseConfig(env: Readonly<Record<string, string | undefined>>): ConfigResult {
  const parsed = parseEnv(ENV, env);
  if (parsed.type === 'error') return parsed;
  const e = parsed.value;
  const urls = parseRuntimeUrls(e.ORKESTRA_URLS ?? '');
  if (urls.type === 'error') return { type: 'error', message: `ORKESTRA_URLS: ${urls.message}` };
  const hosts = parseAllowedHosts(e.ALLOWED_HOSTS ?? '');
  if (hosts.type === 'error') return { type: 'error', message: `ALLOWED_HOSTS: ${hosts.message}` };
  const allowedHosts = effectiveAllowedHosts(hosts.hosts, e.ORK_HOST);
  return {
    type: 'ok',
    config: {
      logLevel: e.LOG_LEVEL,
      port: e.ORK_PORT,
      host: e.ORK_HOST,
      runtimeUrls: urls.urls,
      refreshMs: e.REFRESH_INTERVAL,
      requestTimeoutMs: e.REQUEST_TIMEOUT,
      ...(allowedHosts !== undefined ? { allowedHosts } : {}),
      tokenFile: e.ORK_TOKEN_FILE,
    },
  };
}

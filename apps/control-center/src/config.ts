// The Control Center's environment (set by chart/templates/controlcenter-deployment.yaml), validated
// in one place so a bad value is one line naming the variable and exit 2, before anything listens.
import * as v from 'valibot';
import { envDuration, envInteger, envLogLevel, envText, parseEnv, type LogLevel } from '@orkestra/adapters/process';
import { parseRuntimeUrls } from '@orkestra/lib/control-center';

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
});

/** Reads the Control Center's configuration from an environment record (process.env in main.ts). */
export function parseConfig(env: Readonly<Record<string, string | undefined>>): ConfigResult {
  const parsed = parseEnv(ENV, env);
  if (parsed.type === 'error') return parsed;
  const e = parsed.value;
  const urls = parseRuntimeUrls(e.ORKESTRA_URLS ?? '');
  if (urls.type === 'error') return { type: 'error', message: `ORKESTRA_URLS: ${urls.message}` };
  return {
    type: 'ok',
    config: {
      logLevel: e.LOG_LEVEL,
      port: e.ORK_PORT,
      host: e.ORK_HOST,
      runtimeUrls: urls.urls,
      refreshMs: e.REFRESH_INTERVAL,
      requestTimeoutMs: e.REQUEST_TIMEOUT,
    },
  };
}

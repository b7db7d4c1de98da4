// The runtime's registry settings (issue 19; spec/registry.md §4), set by the chart from
// runtime.registry.*: which reference to follow, how often, and how to authenticate.
import * as v from 'valibot';
import { parseReference, withDefaultTag, type OciReference } from '@orkestra/lib/registry';
import { envBool, envDuration, envOptionalText, parseEnv } from '@orkestra/adapters/process';

/** How the runtime follows a Katalog in a registry. */
export interface RegistryConfig {
  readonly reference: OciReference;
  readonly pollIntervalMs: number;
  /** Docker config JSON with credentials: the mounted pull Secret's `.dockerconfigjson`. */
  readonly authFile?: string;
  /** PEM CA file trusted for the registry besides the system CAs. */
  readonly caFile?: string;
  readonly plainHttp: boolean;
  /** The runtime's Pod (downward API), which its Katalog Events are about; else the leader Lease. */
  readonly podName?: string;
}

const ENV = v.object({
  ORK_REGISTRY_URL: envOptionalText,
  ORK_REGISTRY_POLL_INTERVAL: envDuration('1m', 1000),
  ORK_REGISTRY_AUTH_FILE: envOptionalText,
  ORK_REGISTRY_CA_FILE: envOptionalText,
  ORK_REGISTRY_PLAIN_HTTP: envBool(false),
  POD_NAME: envOptionalText,
});

/** The registry settings, undefined when ORK_REGISTRY_URL is unset, or the one line to exit 2 with. */
export function parseRegistryConfig(env: Readonly<Record<string, string | undefined>>):
  { readonly type: 'ok'; readonly registry: RegistryConfig | undefined } | { readonly type: 'error'; readonly message: string } {
  const parsed = parseEnv(ENV, env);
  if (parsed.type === 'error') return parsed;
  const e = parsed.value;
  if (e.ORK_REGISTRY_URL === undefined) return { type: 'ok', registry: undefined };
  const ref = parseReference(e.ORK_REGISTRY_URL);
  if (ref.type === 'error') return { type: 'error', message: `ORK_REGISTRY_URL: ${ref.message} (${ref.hint})` };
  return {
    type: 'ok',
    registry: {
      reference: withDefaultTag(ref.reference),
      pollIntervalMs: e.ORK_REGISTRY_POLL_INTERVAL,
      plainHttp: e.ORK_REGISTRY_PLAIN_HTTP,
      ...(e.ORK_REGISTRY_AUTH_FILE !== undefined ? { authFile: e.ORK_REGISTRY_AUTH_FILE } : {}),
      ...(e.ORK_REGISTRY_CA_FILE !== undefined ? { caFile: e.ORK_REGISTRY_CA_FILE } : {}),
      ...(e.POD_NAME !== undefined ? { podName: e.POD_NAME } : {}),
    },
  };
}

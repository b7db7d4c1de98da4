// Builds the registry follower from the runtime's configuration (issue 19): the HTTP registry
// client with the mounted pull Secret's credentials and CA, read at start so a bad path is exit 2.
import { readFileSync } from 'node:fs';
import type { Clock, Cluster, Entropy, Logger } from '@orkestra/lib/ports';
import { dockerConfigPath, findCredentials, registryHttpClient } from '@orkestra/adapters/oci';
import type { KatalogSourceStatus } from './http/index.ts';
import type { RuntimeConfig } from './config.ts';
import type { ControllerSet } from './controller-set.ts';
import type { RegistryConfig } from './registry-config.ts';
import { RegistryFollower } from './registry-follower.ts';

/** A follower ready to run, and its state for the HTTP API. */
export interface StartedFollower {
  run(signal: AbortSignal): Promise<void>;
  status: () => KatalogSourceStatus;
}

/** The follower, or the exit-2 line (an unreadable CA file). */
export function startRegistryFollower(deps: {
  readonly config: RuntimeConfig; readonly registry: RegistryConfig; readonly cluster: Cluster; readonly set: ControllerSet;
  readonly clock: Clock; readonly entropy: Entropy; readonly log: Logger; readonly identity: string;
}): StartedFollower | { readonly error: string } {
  const { registry } = deps;
  let ca: string | undefined;
  if (registry.caFile !== undefined) {
    try {
      ca = readFileSync(registry.caFile, 'utf8');
    } catch (err) {
      return { error: `ORK_REGISTRY_CA_FILE: cannot read ${registry.caFile}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` };
    }
    if (!ca.includes('-----BEGIN CERTIFICATE-----')) return { error: `ORK_REGISTRY_CA_FILE: ${registry.caFile} holds no PEM certificate` };
  }
  // The pull Secret is mounted, never read through the API: no Secret rule in the bundle.
  const authFile = registry.authFile ?? dockerConfigPath(process.env);
  const client = registryHttpClient({
    host: registry.reference.host, plainHttp: registry.plainHttp, ...(ca !== undefined ? { ca } : {}),
    credentials: () => findCredentials(authFile, registry.reference.host),
  });
  const follower = new RegistryFollower({
    config: registry, namespace: deps.config.namespace, client, cluster: deps.cluster, set: deps.set,
    clock: deps.clock, entropy: deps.entropy, log: deps.log.child({ component: 'katalog-source' }), identity: deps.identity,
  });
  return {
    run: async (signal) => {
      try {
        await follower.run(signal);
      } finally {
        client.close();
      }
    },
    status: () => follower.status(),
  };
}

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyCrds } from './apply-crds.ts';
import { controlPlane } from './control-plane.ts';
import { kubectl, kubectlOk, tokenKubeconfig } from './kubectl.ts';
import { stopGateway, type GatewayProcess } from './gateway-process.ts';
import { applyBundle } from './install-for-runtime.ts';
import { cleanupNamespaces, freshNamespace } from './namespace.ts';
import { ork } from './ork.ts';
import { scratchDir } from './scratch.ts';

/** The cluster-wide ValidatingWebhookConfigurations the gateway writes (DESIGN §7; issue 15 adds the rules'). */
export const GATEWAY_WEBHOOK_CONFIGS = ['orkestra-deletion-protection', 'orkestra-namespace-protection', 'orkestra-admission-validation'] as const;
/** The MutatingWebhookConfiguration of the Katalog's mutation rules (issue 15). */
export const GATEWAY_MUTATING_CONFIG = 'orkestra-admission-mutation';

/** A Katalog installed for `ork gate` the way a user installs it. */
export interface GatewayInstall {
  /** Install namespace of the bundle (ORK_NAMESPACE of the gateway). */
  readonly namespace: string;
  readonly bundle: string;
  /** Names of the Katalog's CRDs applied by the install (none for a CRD-less Katalog). */
  readonly crds: readonly string[];
  /** A kubeconfig holding only a token of the bundle's `orkestra-gateway` ServiceAccount. */
  readonly kubeconfig: string;
}

/**
 * Applies the Katalog's CRDs (if any, waiting until Established) and `ork generate bundle --for
 * gateway` into a fresh namespace, and mints a token kubeconfig for `orkestra-gateway`.
 */
export function installForGateway(katalog: string, prefix: string): GatewayInstall {
  const dir = scratchDir(prefix);
  const crds = applyCrds(ork(['generate', 'crd', '-f', katalog]));
  const namespace = freshNamespace(prefix);
  const bundle = join(dir, 'bundle.yaml');
  writeFileSync(bundle, ork(['generate', 'bundle', '-f', katalog, '--for', 'gateway', '-n', namespace]));
  applyBundle(bundle);
  const token = kubectlOk(['create', 'token', 'orkestra-gateway', '--duration', '1h'], { namespace }).trim();
  return { namespace, bundle, crds, kubeconfig: tokenKubeconfig(controlPlane().kubeconfig, token) };
}

/**
 * Deletes the gateway's webhook configurations. The control plane is shared by every e2e file of a
 * run: a configuration left behind with `failurePolicy: Fail` would block the files after this one.
 */
export function removeGatewayWebhooks(): void {
  kubectl(['delete', 'validatingwebhookconfiguration', '--ignore-not-found', '--wait=false', ...GATEWAY_WEBHOOK_CONFIGS]);
  kubectl(['delete', 'mutatingwebhookconfiguration', '--ignore-not-found', '--wait=false', GATEWAY_MUTATING_CONFIG]);
}

/**
 * Removes what an install left outside its namespace: the webhook configurations (first: they
 * matter most) and the cluster-wide `orkestra-gateway` ClusterRole and ClusterRoleBinding. The
 * namespace itself goes with `cleanupNamespaces`; stop the gateway before, or it recreates them.
 */
export function uninstallGateway(): void {
  removeGatewayWebhooks();
  kubectl(['delete', 'clusterrolebinding,clusterrole', 'orkestra-gateway', '--ignore-not-found', '--wait=false']);
}

/**
 * The end of a gateway suite: stop the gateway (if one runs), then, even if stopping failed,
 * `extra` (the suite's own cluster-wide leftovers), `uninstallGateway` and `cleanupNamespaces`.
 * Stopping comes first, or the housekeeper recreates what is being removed.
 */
export async function tearDownGateway(gateway: GatewayProcess | undefined, extra: () => void = () => {}): Promise<void> {
  try {
    if (gateway) await stopGateway(gateway);
  } finally {
    uninstallGateway();
    extra();
    cleanupNamespaces();
  }
}

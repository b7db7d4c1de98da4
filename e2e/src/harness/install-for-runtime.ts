import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { controlPlane } from './control-plane.ts';
import { kubectlOk, tokenKubeconfig } from './kubectl.ts';
import { applyCrds } from './apply-crds.ts';
import { freshNamespace } from './namespace.ts';
import { ork } from './ork.ts';
import { waitForOwnerMapping, type OwnerKind } from './owner-mapping.ts';
import { scratchDir } from './scratch.ts';

/** A Katalog installed the way a user installs it, ready for a runtime to run in. */
export interface RuntimeInstall {
  /** Install namespace of the bundle (ORK_NAMESPACE for the runtime). */
  readonly namespace: string;
  /** The generated bundle file, to re-apply after a test edits its roles. */
  readonly bundle: string;
  /** A token of the bundle's `orkestra` ServiceAccount. */
  readonly token: string;
  /** A kubeconfig with only that token: the runtime gets the bundle's rules and nothing else. */
  readonly kubeconfig: string;
  /** A token of the bundle's `orkestra-cc` ServiceAccount: what the Control Center shows the runtime's HTTP API. */
  readonly ccToken: string;
  /** That token in a file, for the Control Center's ORK_TOKEN_FILE. */
  readonly ccTokenFile: string;
}

/**
 * Applies the Katalog's CRDs (waiting until they are Established and the API server can map their
 * kinds as owners), then its bundle into a fresh namespace, and makes a token kubeconfig for the
 * `orkestra` ServiceAccount.
 */
export function installForRuntime(katalog: string, prefix: string): RuntimeInstall {
  const dir = scratchDir(prefix);
  applyKatalogCrds(katalog);
  const namespace = freshNamespace(prefix);
  const bundle = join(dir, 'bundle.yaml');
  writeFileSync(bundle, ork(['generate', 'bundle', '-f', katalog, '-n', namespace]));
  applyBundle(bundle);
  const token = kubectlOk(['create', 'token', 'orkestra', '--duration', '1h'], { namespace }).trim();
  const ccToken = kubectlOk(['create', 'token', 'orkestra-cc', '--duration', '1h'], { namespace }).trim();
  const ccTokenFile = join(dir, 'cc.token');
  writeFileSync(ccTokenFile, ccToken);
  return { namespace, bundle, token, kubeconfig: tokenKubeconfig(controlPlane().kubeconfig, token), ccToken, ccTokenFile };
}

/**
 * Applies `ork generate crd` for the Katalog and waits until each CRD is Established and the API
 * server can map its kind as an owner (see owner-mapping.ts): what a runtime needs before it starts.
 */
export function applyKatalogCrds(katalog: string): void {
  const crds = ork(['generate', 'crd', '-f', katalog]);
  applyCrds(crds);
  const kinds: OwnerKind[] = [];
  for (const doc of parseAllDocuments(crds)) {
    const crd = doc.toJS() as { metadata?: { name?: string }; spec?: { group: string; names: { kind: string; plural: string }; versions: { name: string; storage?: boolean }[] } } | null;
    const name = crd?.metadata?.name;
    if (!name || !crd?.spec) continue;
    const version = crd.spec.versions.find((v) => v.storage)?.name ?? crd.spec.versions[0]!.name;
    kinds.push({ group: crd.spec.group, version, kind: crd.spec.names.kind, plural: crd.spec.names.plural });
  }
  waitForOwnerMapping(kinds);
}

/** Applies a bundle server-side; --force-conflicts because other suites applied the shared ClusterRole too. */
export function applyBundle(bundle: string): void {
  kubectlOk(['apply', '--server-side', '--force-conflicts', '--field-manager', 'e2e', '-f', bundle]);
}

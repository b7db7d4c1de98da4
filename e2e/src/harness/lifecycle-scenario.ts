// Scenario L of the RBAC ablation (issue 14's atoms): one fresh runtime takes a Shop and a Vault
// (e2e/fixtures/runtime-lifecycle) through drift correction, pruning and onDelete. A run "breaks"
// when the runtime made a forbidden request or a step did not happen in time; the first 403 on
// /metrics ends it early. Jobs never run on this control plane: the scenario plays the Job
// controller through the status subresource.
import { FINALIZER } from '@orkestra/lib/runtime';
import { kubectl, kubectlOk } from './kubectl.ts';
import type { RuntimeProcess } from './runtime-process.ts';
import { shownToControlCenter } from './website-scenario.ts';
import { pollUnless403, runScenario, type ScenarioOutcome, type ScenarioSetup } from './scenario-run.ts';

interface Obj {
  metadata: { name: string; finalizers?: string[] };
  spec?: { replicas?: number };
  status?: { observedGeneration?: number; conditions?: { type: string; status: string }[] };
}

/**
 * Runs L: the runtime starts; a Shop is Applied with its Deployment and ConfigMaps, and the HTTP
 * API shows it to the Control Center's token (TokenReview and SubjectAccessReview); a kubectl
 * scale is reverted; turning the cache off and removing the region prunes two ConfigMaps; the
 * deleted Shop's cleanup Job is created and, once it completes, the Shop goes; a Vault is Applied
 * and, deleted, goes after its wipe Job; SIGTERM stops the runtime with exit 0, Lease released.
 */
export function runLifecycleScenario(setup: ScenarioSetup): Promise<ScenarioOutcome> {
  return runScenario({
    steps: (r, s) => steps(r, s.namespace, s.ccToken),
    cleanup: forceCleanup,
    debug: (r, s) => `${r.lines.slice(-20).map((l) => JSON.stringify(l)).join('\n')}\n${kubectl(['get', 'shop,vault,job,configmap', '-o', 'wide'], { namespace: s.namespace }).stdout}`,
  }, setup);
}

async function steps(r: RuntimeProcess, ns: string, ccToken: string): Promise<void> {
  const until = <T>(what: string, check: () => T | undefined | Promise<T | undefined>, timeoutMs: number) => pollUnless403(r, what, check, timeoutMs);
  const get = (args: string[]) => getJson<Obj>(args, ns);
  const gone = (kind: string, name: string) => kubectl(['get', kind, name], { namespace: ns }).status !== 0;
  kubectlOk(['create', '-f', '-'], { namespace: ns, input: JSON.stringify({ apiVersion: 'life.example.com/v1alpha1', kind: 'Shop', metadata: { name: 'shop' }, spec: { replicas: 2, cache: true, regions: ['eu'] } }) });
  await until('the Shop Applied with its finalizer', () => {
    const cr = get(['get', 'shop', 'shop']);
    return cr && applied(cr) && cr.metadata.finalizers?.includes(FINALIZER) ? true : undefined;
  }, 20_000);
  // Issue 12: the HTTP API shows the Shop to the Control Center's token only after a TokenReview
  // and a SubjectAccessReview, which the runtime's RBAC must allow.
  await until('the Shop shown to the Control Center\'s token by the HTTP API', async () => ((await shownToControlCenter(r, ccToken, `shop/cr/${ns}/shop`)) ? true : undefined), 5_000);
  await until('the Deployment and the ConfigMaps', () => (!gone('deployment', 'shop-deployment') && !gone('configmap', 'shop-cache') && !gone('configmap', 'shop-eu') ? true : undefined), 5_000);

  kubectlOk(['scale', 'deployment', 'shop-deployment', '--replicas=5'], { namespace: ns });
  await until('the scale reverted', () => (get(['get', 'deployment', 'shop-deployment'])?.spec?.replicas === 2 ? true : undefined), 10_000);

  kubectlOk(['patch', 'shop', 'shop', '--type', 'merge', '-p', '{"spec":{"cache":false,"regions":[]}}'], { namespace: ns });
  await until('the cache and region ConfigMaps pruned', () => (gone('configmap', 'shop-cache') && gone('configmap', 'shop-eu') ? true : undefined), 10_000);

  kubectlOk(['delete', 'shop', 'shop', '--wait=false'], { namespace: ns });
  await until('the cleanup Job', () => (gone('job', 'shop-cleanup') ? undefined : true), 10_000);
  completeJob('shop-cleanup', ns);
  await until('the Shop gone (finalizer removed after the Job)', () => (gone('shop', 'shop') ? true : undefined), 10_000);

  kubectlOk(['create', '-f', '-'], { namespace: ns, input: JSON.stringify({ apiVersion: 'life.example.com/v1alpha1', kind: 'Vault', metadata: { name: 'vault' }, spec: {} }) });
  await until('the Vault Applied', () => {
    const cr = get(['get', 'vault', 'vault']);
    return cr && applied(cr) ? true : undefined;
  }, 10_000);
  kubectlOk(['delete', 'vault', 'vault', '--wait=false'], { namespace: ns });
  await until('the wipe Job', () => (gone('job', 'vault-wipe') ? undefined : true), 10_000);
  completeJob('vault-wipe', ns);
  await until('the Vault gone', () => (gone('vault', 'vault') ? true : undefined), 10_000);
  await until('a last metrics scrape', () => true, 1_000);
}

function applied(cr: Obj): boolean {
  const c = cr.status?.conditions?.find((x) => x.type === 'Applied');
  return c?.status === 'True' && cr.status?.observedGeneration !== undefined;
}

/** Plays the Job controller: the Job completes. */
function completeJob(name: string, ns: string): void {
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  kubectlOk(['patch', 'job', name, '--subresource', 'status', '--type', 'merge', '-p', JSON.stringify({ status: {
    startTime: now, completionTime: now, succeeded: 1,
    conditions: [{ type: 'SuccessCriteriaMet', status: 'True', lastTransitionTime: now }, { type: 'Complete', status: 'True', lastTransitionTime: now }],
  } })], { namespace: ns });
}

function getJson<T>(args: string[], namespace: string): T | undefined {
  const r = kubectl([...args, '-o', 'json'], { namespace });
  return r.status === 0 ? (JSON.parse(r.stdout) as T) : undefined;
}

/** Whatever a run left: the finalizers stripped (the runtime that would remove them is gone), the namespace deleted. */
function forceCleanup(ns: string): void {
  removeLifecycleObjects(ns);
  kubectl(['delete', 'namespace', ns, '--wait=false', '--ignore-not-found']);
}

/** Strips the finalizers of every Shop and Vault in `ns` (all namespaces when undefined) and deletes them. */
export function removeLifecycleObjects(ns?: string): void {
  const scope = ns === undefined ? ['-A'] : ['-n', ns];
  for (const kind of ['shops', 'vaults']) {
    const list = kubectl(['get', kind, ...scope, '-o', 'json']);
    const items = list.status === 0 ? (JSON.parse(list.stdout) as { items: { metadata: { name: string; namespace: string } }[] }).items : [];
    for (const { metadata: m } of items) {
      kubectl(['patch', kind, m.name, '-n', m.namespace, '--type', 'merge', '-p', '{"metadata":{"finalizers":null}}']);
      kubectl(['delete', kind, m.name, '-n', m.namespace, '--ignore-not-found', '--timeout', '30s']);
    }
  }
}

// Scenario S of the RBAC ablation (DESIGN §4 (b)): one fresh runtime takes a starter Website through
// its whole life. A run "breaks" when the runtime made a forbidden request or a step did not happen
// in time. The first 403 seen on /metrics ends the run early: it has broken, and the rest would
// only cost time.
import { OWNER_LABEL } from '@orkestra/lib/children';
import { FINALIZER } from '@orkestra/lib/runtime';
import { kubectl, kubectlOk } from './kubectl.ts';
import type { RuntimeProcess } from './runtime-process.ts';
import { listeningBase, pollUnless403, runScenario, type ScenarioOutcome, type ScenarioSetup } from './scenario-run.ts';

export type { ScenarioOutcome, ScenarioSetup } from './scenario-run.ts';

interface Obj {
  metadata: { name: string; uid: string; generation?: number; finalizers?: string[] };
  spec?: { replicas?: number };
  status?: { observedGeneration?: number; conditions?: { type: string; status: string }[] };
}

const SITE = 'site';

/**
 * Runs S: the runtime starts (creating its Lease), a Website becomes Ready with its Deployment,
 * Service and a Reconciled Event; a spec change reaches the Deployment; a deleted Deployment comes
 * back; the deleted Website loses its finalizer and is gone; SIGTERM stops the runtime with exit 0
 * and the Lease released.
 */
export function runWebsiteScenario(setup: ScenarioSetup): Promise<ScenarioOutcome> {
  return runScenario({ steps: (r, s) => steps(r, s.namespace, s.ccToken), cleanup: forceCleanup }, setup);
}

async function steps(r: RuntimeProcess, ns: string, ccToken: string): Promise<void> {
  const until = <T>(what: string, check: () => T | undefined | Promise<T | undefined>, timeoutMs: number) => pollUnless403(r, what, check, timeoutMs);
  kubectlOk(['create', '-f', '-'], {
    namespace: ns,
    input: JSON.stringify({ apiVersion: 'demo.orkestra.io/v1alpha1', kind: 'Website', metadata: { name: SITE }, spec: { replicas: 1 } }),
  });
  const site = await until('the Website Ready with its finalizer', () => {
    const cr = getJson<Obj>(['get', 'website', SITE], ns);
    return cr && isReady(cr) && cr.metadata.finalizers?.includes(FINALIZER) ? cr : undefined;
  }, 20_000);
  await until('the Deployment and the Service', () => (childOf('deployments', ns) && childOf('services', ns) ? true : undefined), 5_000);
  await until('a Reconciled Event', () => getJson<{ items: { reason: string; regarding: { uid?: string } }[] }>(['get', 'events.events.k8s.io'], ns)
    ?.items.find((e) => e.reason === 'Reconciled' && e.regarding.uid === site.metadata.uid), 5_000);

  // Issue 12: the HTTP API shows the Website to the Control Center's token only after a TokenReview
  // and a SubjectAccessReview, which the runtime's RBAC must allow.
  await until('the Website shown to the Control Center\'s token by the HTTP API', async () => {
    return (await shownToControlCenter(r, ccToken, `website/cr/${ns}/${SITE}`)) ? true : undefined;
  }, 5_000);

  kubectlOk(['patch', 'website', SITE, '--type', 'merge', '-p', '{"spec":{"replicas":2}}'], { namespace: ns });
  await until('the Deployment to follow the spec (2 replicas)', () => (childOf('deployments', ns)?.spec?.replicas === 2 ? true : undefined), 10_000);
  await until('Ready for the new generation', () => {
    const cr = getJson<Obj>(['get', 'website', SITE], ns);
    return cr && isReady(cr) ? true : undefined;
  }, 10_000);

  const before = childOf('deployments', ns)!;
  kubectlOk(['delete', 'deployment', before.metadata.name, '--wait=false'], { namespace: ns });
  await until('the deleted Deployment recreated', () => {
    const d = childOf('deployments', ns);
    return d && d.metadata.uid !== before.metadata.uid ? true : undefined;
  }, 10_000);

  kubectlOk(['delete', 'website', SITE, '--wait=false'], { namespace: ns });
  await until('the deleted Website gone (finalizer removed)', () => (kubectl(['get', 'website', SITE], { namespace: ns }).status !== 0 ? true : undefined), 10_000);
  // A last look: a 403 on a request made just now (an Event, a renewal) still breaks the run.
  await until('a last metrics scrape', () => true, 1_000);
}

function isReady(cr: Obj): boolean {
  const ready = cr.status?.conditions?.find((c) => c.type === 'Applied');
  return ready?.status === 'True' && cr.status?.observedGeneration === cr.metadata.generation;
}

function getJson<T>(args: string[], namespace: string): T | undefined {
  const r = kubectl([...args, '-o', 'json'], { namespace });
  return r.status === 0 ? (JSON.parse(r.stdout) as T) : undefined;
}

function childOf(kind: 'deployments' | 'services', ns: string): Obj | undefined {
  const list = getJson<{ items: Obj[] }>(['get', kind, '-l', `${OWNER_LABEL}=${SITE}`], ns);
  return list?.items.length === 1 ? list.items[0] : undefined;
}

/** Whether the runtime's HTTP API shows `katalog/<path>` to the Control Center's token (issue 12: a TokenReview and a SubjectAccessReview). */
export async function shownToControlCenter(r: RuntimeProcess, ccToken: string, path: string): Promise<boolean> {
  const base = listeningBase(r);
  if (!base) return false;
  const res = await fetch(`${base}/katalog/${path}`, { headers: { authorization: `Bearer ${ccToken}` } }).catch(() => undefined);
  return res?.status === 200;
}

/**
 * Whatever a run left: without the finalizer (the runtime that would remove it is gone) its
 * Websites are deleted and gone before the next run, whose runtime would otherwise reconcile them
 * in a terminating namespace, where every write is refused with a 403 that RBAC has no part in.
 */
function forceCleanup(ns: string): void {
  removeWebsites(ns);
  kubectl(['delete', 'namespace', ns, '--wait=false', '--ignore-not-found']);
}

/** Strips the finalizers of the Websites in `ns` (every namespace when undefined) and deletes them, waiting until they are gone. */
export function removeWebsites(ns?: string): void {
  const scope = ns === undefined ? ['-A'] : ['-n', ns];
  const list = kubectl(['get', 'websites', ...scope, '-o', 'json']);
  const items = list.status === 0 ? (JSON.parse(list.stdout) as { items: { metadata: { name: string; namespace: string } }[] }).items : [];
  for (const { metadata: m } of items) {
    kubectl(['patch', 'website', m.name, '-n', m.namespace, '--type', 'merge', '-p', '{"metadata":{"finalizers":null}}']);
    kubectl(['delete', 'website', m.name, '-n', m.namespace, '--ignore-not-found', '--timeout', '30s']);
  }
}

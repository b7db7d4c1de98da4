// Scenario S of the RBAC ablation (DESIGN §4 (b)): one fresh runtime takes a starter Website through
// its whole life. A run "breaks" when the runtime made a forbidden request or a step did not happen
// in time. The first 403 seen on /metrics ends the run early: it has broken, and the rest would
// only cost time.
import { OWNER_LABEL } from '@orkestra/lib/children';
import { FINALIZER } from '@orkestra/lib/runtime';
import { kubectl, kubectlOk } from './kubectl.ts';
import { startRuntime, stopRuntime, type RuntimeProcess } from './runtime-process.ts';

/** Where one run of the scenario happens. */
export interface ScenarioSetup {
  readonly katalog: string;
  /** A kubeconfig with only the runtime ServiceAccount's token. */
  readonly kubeconfig: string;
  /** ORK_NAMESPACE: where the Lease lives. */
  readonly installNamespace: string;
  /** A namespace of its own for the Website and its children. */
  readonly namespace: string;
}

/** What one run did; it broke when `forbidden` > 0 or `missed` is set. */
export interface ScenarioOutcome {
  /** 403s the runtime counted (its `runtime stopped` line), or undefined when it printed none. */
  readonly forbidden: number | undefined;
  /** The first step that did not happen in time. */
  readonly missed?: string;
  /** Each distinct log line naming a 403 (message and error), in order: which requests they were. */
  readonly forbiddenLogs: readonly string[];
  readonly durationMs: number;
}


class ForbiddenSeen extends Error {}

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
export async function runWebsiteScenario(setup: ScenarioSetup): Promise<ScenarioOutcome> {
  const startMs = Date.now();
  const ns = setup.namespace;
  // No Lease: every run is a first start, so acquiring by create is exercised each time.
  kubectlOk(['delete', 'lease', 'orkestra-runtime', '--ignore-not-found'], { namespace: setup.installNamespace });
  const r = startRuntime(setup.katalog, {
    KUBECONFIG: setup.kubeconfig, ORK_NAMESPACE: setup.installNamespace, DEFAULT_RESYNC: '2s',
    LEASE_DURATION: '4', RENEW_DEADLINE: '3', RETRY_PERIOD: '1',
  });
  let missed: string | undefined;
  try {
    await steps(r, ns);
  } catch (err) {
    if (!(err instanceof ForbiddenSeen)) missed = err instanceof Error ? err.message : String(err);
  }
  let stoppedLine: Record<string, unknown> | undefined;
  try {
    const code = await stopRuntime(r);
    stoppedLine = r.lines.find((l) => l['msg'] === 'runtime stopped');
    if (!missed && code !== 0) missed = `exit 0 on SIGTERM (exit ${code}; ${r.stderr.join('').trim().slice(0, 200)})`;
    if (!missed && !r.lines.some((l) => l['msg'] === 'lease released')) missed = 'the Lease released on SIGTERM';
    if (!missed) {
      const holder = getJson<{ spec: { holderIdentity?: string } }>(['get', 'lease', 'orkestra-runtime'], setup.installNamespace)?.spec.holderIdentity;
      if (holder) missed = `the Lease released on SIGTERM (holder ${holder})`;
    }
  } catch (err) {
    const last = r.lines.slice(-3).map((l) => String(l['msg'])).join(' | ');
    missed ??= `${err instanceof Error ? err.message : String(err)} (last log lines: ${last})`;
  }
  forceCleanup(ns);
  const forbidden = typeof stoppedLine?.['forbidden'] === 'number' ? stoppedLine['forbidden'] : undefined;
  const forbiddenLogs = [...new Set(r.lines
    .filter((l) => l['msg'] !== 'runtime stopped' && /forbidden|\b403\b/.test(JSON.stringify(l)))
    .map((l) => `${String(l['msg'])}: ${String(l['err'] ?? l['resource'] ?? '')}`))];
  return {
    forbidden,
    ...(missed !== undefined ? { missed } : {}),
    forbiddenLogs,
    durationMs: Date.now() - startMs,
  };
}

async function steps(r: RuntimeProcess, ns: string): Promise<void> {
  const until = <T>(what: string, check: () => T | undefined, timeoutMs: number) => pollUnless403(r, what, check, timeoutMs);
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
  const ready = cr.status?.conditions?.find((c) => c.type === 'Ready');
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

/** Polls `check` like waitFor, but throws ForbiddenSeen as soon as the runtime's /metrics shows a 403. */
async function pollUnless403<T>(r: RuntimeProcess, what: string, check: () => T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await saw403(r)) throw new ForbiddenSeen();
    const value = check();
    if (value !== undefined) return value;
    if (r.child.exitCode !== null) throw new Error(`${what}: the runtime exited (${r.child.exitCode})`);
    if (Date.now() > deadline) throw new Error(`${what} (not within ${timeoutMs} ms)`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function saw403(r: RuntimeProcess): Promise<boolean> {
  const line = r.lines.find((l) => l['msg'] === 'http listening');
  if (!line) return false;
  try {
    const text = await (await fetch(`http://${String(line['host'])}:${String(line['port'])}/metrics`)).text();
    return /^rest_client_requests_total\{[^}]*code="403"[^}]*\}\s+[1-9]/m.test(text);
  } catch {
    return false;
  }
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

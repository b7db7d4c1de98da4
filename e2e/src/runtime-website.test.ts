// The runtime (`apps/runtime`) against a real API server, with only the bundle's RBAC: the starter
// Website gets its Deployment and Service, status, drift repair and a clean delete, without a 403.
// The test control plane runs no Deployment controller: Ready means reconciled, not pods running.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { OWNER_LABEL } from '@orkestra/lib/children';
import { FINALIZER } from '@orkestra/lib/runtime';
import { kubectl, kubectlJson, kubectlOk } from './harness/kubectl.ts';
import { cleanupNamespaces } from './harness/namespace.ts';
import { waitFor } from './harness/wait.ts';
import { playDeploymentAvailable } from './harness/play-deployment.ts';
import { installForRuntime } from './harness/install-for-runtime.ts';
import { startRuntime, stopRuntime, type RuntimeProcess } from './harness/runtime-process.ts';

const KATALOG = 'examples/starter/katalog.yaml';

interface Obj {
  metadata: { name: string; uid: string; generation?: number; finalizers?: string[]; labels?: Record<string, string>; ownerReferences?: { kind: string; name: string; uid: string; controller?: boolean }[] };
  spec?: { replicas?: number };
  status?: { observedGeneration?: number; conditions?: { type: string; status: string; reason: string; observedGeneration?: number }[] };
}

const test = suite('ork run: the starter Website against a real API server');
let runtime: RuntimeProcess | undefined;
let ns = '';

function start(kubeconfig: string, namespace: string): RuntimeProcess {
  return startRuntime(KATALOG, { KUBECONFIG: kubeconfig, ORK_NAMESPACE: namespace, DEFAULT_RESYNC: '2s', LOG_LEVEL: 'debug' });
}

async function stop(): Promise<number | null | undefined> {
  const r = runtime;
  if (!r) return undefined;
  runtime = undefined;
  return stopRuntime(r);
}

function getJson<T>(args: string[]): T | undefined {
  const r = kubectl([...args, '-o', 'json'], { namespace: ns });
  return r.status === 0 ? (JSON.parse(r.stdout) as T) : undefined;
}

function childOf(kind: 'deployments' | 'services', site: string): Obj | undefined {
  const list = getJson<{ items: Obj[] }>(['get', kind, '-l', `${OWNER_LABEL}=${site}`]);
  return list?.items.length === 1 ? list.items[0] : undefined;
}

test.before(() => {
  const install = installForRuntime(KATALOG, 'runtime');
  ns = install.namespace;
  runtime = start(install.kubeconfig, ns);
});

test.after(async () => {
  try {
    await stop();
  } finally {
    cleanupNamespaces();
  }
});

test('a Website gets its Deployment and Service, owned and labelled, Applied=True; Ready=True once the Deployment is available', async () => {
  kubectlOk(['apply', '-f', '-'], {
    namespace: ns,
    input: JSON.stringify({ apiVersion: 'demo.orkestra.io/v1alpha1', kind: 'Website', metadata: { name: 'site' }, spec: { replicas: 1 } }),
  });
  const site = await waitFor('the Website to be Applied', () => {
    const cr = getJson<Obj>(['get', 'website', 'site']);
    const applied = cr?.status?.conditions?.find((c) => c.type === 'Applied');
    return applied?.status === 'True' && cr?.status?.observedGeneration === cr?.metadata.generation ? cr : undefined;
  }, 60_000);
  assert.ok(site.metadata.finalizers?.includes(FINALIZER), 'finalizer added');
  const applied = site.status!.conditions!.find((c) => c.type === 'Applied')!;
  assert.is(applied.reason, 'ApplySucceeded');
  assert.is(applied.observedGeneration, site.metadata.generation);
  // No kubelet on this control plane: the Deployment never becomes available by itself.
  const notYet = site.status!.conditions!.find((c) => c.type === 'Ready')!;
  assert.equal([notYet.status, notYet.reason], ['False', 'ChildrenNotReady']);
  const deploy = await waitFor('the Deployment', () => childOf('deployments', 'site'));
  playDeploymentAvailable(ns, deploy);
  const ready = await waitFor('Ready=True', () => {
    const c = getJson<Obj>(['get', 'website', 'site'])?.status?.conditions?.find((x) => x.type === 'Ready');
    return c?.status === 'True' ? c : undefined;
  }, 30_000);
  assert.is(ready.reason, 'ReconcileSucceeded');
  for (const kind of ['deployments', 'services'] as const) {
    const child = await waitFor(`the ${kind} child`, () => childOf(kind, 'site'));
    const owner = child.metadata.ownerReferences?.find((o) => o.kind === 'Website');
    assert.ok(owner, `${kind}: owner reference`);
    assert.is(owner!.uid, site.metadata.uid);
    assert.is(owner!.controller, true);
    assert.is(child.metadata.labels?.[OWNER_LABEL], 'site');
  }
  assert.is(childOf('deployments', 'site')!.spec?.replicas, 1);
  const events = await waitFor('a Reconciled Event', () => {
    const list = getJson<{ items: { reason: string; type: string; regarding: { name: string; uid: string } }[] }>(['get', 'events.events.k8s.io']);
    const found = list?.items.filter((e) => e.reason === 'Reconciled' && e.regarding.name === 'site') ?? [];
    return found.length > 0 ? found : undefined;
  }, 10_000);
  assert.ok(events.length > 0);
  assert.is(events[0]!.type, 'Normal');
  assert.is(events[0]!.regarding.uid, site.metadata.uid);
});

test('a converged Website costs no write on resync (spec/runtime.md §2.4)', async () => {
  const r = runtime!;
  const count = (msg: string) => r.lines.filter((l) => l['msg'] === msg && l['name'] === 'site').length;
  // Let the reconciles triggered by our own status patch settle first. The control plane's real
  // Deployment controller may still rewrite the status we played (and Ready follows it), so settled
  // means two converged passes in a row with no write between them.
  const lastTwo = () => r.lines.filter((l) => l['name'] === 'site' && (l['msg'] === 'converged' || l['msg'] === 'reconciled')).slice(-2).map((l) => l['msg']);
  await waitFor('two converged reconciles in a row', () => (lastTwo().join() === 'converged,converged' ? true : undefined), 30_000);
  const writes = count('reconciled'), converged = count('converged');
  await new Promise((resolve) => setTimeout(resolve, 5_000));
  assert.ok(count('converged') >= converged + 2, `resync reconciled again (${converged} -> ${count('converged')})`);
  const extra = r.lines.filter((l) => l['msg'] === 'reconciled' && l['name'] === 'site').slice(writes);
  assert.is(count('reconciled'), writes, `no reconcile with effects (${JSON.stringify(extra.map((l) => [l['effects'], l['outcome']]))}; conditions now ${JSON.stringify(getJson<Obj>(['get', 'website', 'site'])?.status?.conditions)})`);
});

test('a spec change reaches the Deployment', async () => {
  kubectlOk(['patch', 'website', 'site', '--type', 'merge', '-p', '{"spec":{"replicas":3}}'], { namespace: ns });
  await waitFor('the Deployment to have 3 replicas', () => (childOf('deployments', 'site')?.spec?.replicas === 3 ? true : undefined), 30_000);
  await waitFor('Ready for the new generation', () => {
    const cr = getJson<Obj>(['get', 'website', 'site']);
    return cr?.status?.observedGeneration === cr?.metadata.generation ? true : undefined;
  }, 30_000);
});

test('a deleted Deployment is recreated', async () => {
  const before = childOf('deployments', 'site')!;
  kubectlOk(['delete', 'deployment', before.metadata.name, '--wait=false'], { namespace: ns });
  const after = await waitFor('a new Deployment', () => {
    const d = childOf('deployments', 'site');
    return d && d.metadata.uid !== before.metadata.uid ? d : undefined;
  }, 30_000);
  assert.is(after.spec?.replicas, 3);
});

test('a deleted Website loses its finalizer and is gone', async () => {
  kubectlOk(['delete', 'website', 'site', '--wait=false'], { namespace: ns });
  await waitFor('the Website to be gone', () => (kubectl(['get', 'website', 'site'], { namespace: ns }).status !== 0 ? true : undefined), 30_000);
});

test('a child the API server rejects makes Applied and Ready False with a Warning Event; fixing the spec recovers', async () => {
  kubectlOk(['apply', '-f', '-'], {
    namespace: ns,
    input: JSON.stringify({ apiVersion: 'demo.orkestra.io/v1alpha1', kind: 'Website', metadata: { name: 'broken' }, spec: { port: 70000 } }),
  });
  const conditionOf = (type: string) => getJson<Obj>(['get', 'website', 'broken'])?.status?.conditions?.find((c) => c.type === type);
  const readyOf = () => conditionOf('Applied');
  const failed = await waitFor('Applied=False', () => (readyOf()?.status === 'False' ? readyOf() : undefined), 30_000);
  assert.is(failed!.reason, 'ReconcileError');
  assert.is(conditionOf('Ready')?.reason, 'ReconcileError');
  await waitFor('a ReconcileError Warning Event', () => getJson<{ items: { reason: string; type: string; regarding: { name: string } }[] }>(['get', 'events.events.k8s.io'])
    ?.items.find((e) => e.reason === 'ReconcileError' && e.type === 'Warning' && e.regarding.name === 'broken'), 10_000);
  kubectlOk(['patch', 'website', 'broken', '--type', 'merge', '-p', '{"spec":{"port":8080}}'], { namespace: ns });
  // The key is in backoff (5 ms doubling); the spec change re-queues it at once anyway.
  await waitFor('Applied=True after the fix', () => (readyOf()?.status === 'True' ? true : undefined), 30_000);
  kubectlOk(['delete', 'website', 'broken', '--timeout', '30s'], { namespace: ns });
});

test('the runtime stops on SIGTERM with exit 0 and made no forbidden request', async () => {
  const r = runtime!;
  const code = await stop();
  assert.is(code, 0, `exit code; stderr: ${r.stderr.join('')}`);
  const stopped = r.lines.find((l) => l['msg'] === 'runtime stopped');
  assert.ok(stopped, `no "runtime stopped" line; last lines: ${JSON.stringify(r.lines.slice(-5))}`);
  assert.is(stopped!['forbidden'], 0);
  assert.ok((stopped!['reconciles'] as number) > 0, 'reconciled something');
  assert.ok(r.lines.some((l) => l['msg'] === 'became leader'), 'became leader');
  assert.ok(r.lines.some((l) => l['msg'] === 'lease released'), 'released the lease');
  const lease = kubectlJson<{ spec: { holderIdentity?: string } }>(['get', 'lease', 'orkestra-runtime'], { namespace: ns });
  assert.is(lease.spec.holderIdentity ?? '', '');
});

test.run();

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseKatalog, type CrdEntry } from '@orkestra/lib';
import { FINALIZER, OWNER_KEY_ANNOTATION } from '@orkestra/lib/runtime';
import { fakeClock, fakeCluster, seededEntropy, type FakeCluster } from '@orkestra/lib/testing';
import { CrdController, crResourceOf, type ReconcileObserver, type ReconcileResult } from './crd-controller.ts';
import { createLogger } from '@orkestra/adapters/process';
import { cpuBudget, type RunWithBudget } from './cpu-budget.ts';

const test = suite('CrdController against the fake cluster');

const KATALOG = `apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata:
  name: t
spec:
  crds:
    website:
      apiTypes: { group: demo.orkestra.io, version: v1alpha1, kind: Website, plural: websites }
      schema:
        type: object
        properties:
          replicas: { type: integer, default: 1 }
      operatorBox:
        onCreate:
          deployments:
            - image: nginx
              replicas: "{{ .spec.replicas }}"
              reconcile: true
`;
const parsed = parseKatalog({ file: 'k.yaml', text: KATALOG });
if (!parsed.ok) throw new Error(JSON.stringify(parsed.diagnostics));
const crd: CrdEntry = parsed.katalog.crds[0]!;
const DEPLOYMENTS = { group: 'apps', version: 'v1', resource: 'deployments', namespaced: true };
const CRDS = { group: 'apiextensions.k8s.io', version: 'v1', resource: 'customresourcedefinitions', namespaced: false };

// The informers and workers run on real promises; these tests poll the fake, they never sleep a fixed time.
async function until<T>(what: string, check: () => Promise<T | undefined> | T | undefined, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

function setup(leading = true, observer?: ReconcileObserver, maxDepth = 100, runWithBudget?: RunWithBudget) {
  const clock = fakeClock();
  const cluster: FakeCluster = fakeCluster({ clock });
  const lines: string[] = [];
  const controller = new CrdController({
    crd, cluster, clock, entropy: seededEntropy(1), identity: 'test', isLeader: () => leading, healthOf: () => undefined,
    log: createLogger('debug', clock, (l) => lines.push(l)), ...(observer ? { observer } : {}), ...(runWithBudget ? { runWithBudget } : {}),
    settings: { workers: 2, resyncMs: 60_000, maxDepth, failureThreshold: 3, startPollMs: 5 },
  });
  return { cluster, controller, lines };
}

const installCrd = (cluster: FakeCluster) => cluster.create(CRDS, { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'websites.demo.orkestra.io' } });
const createSite = (cluster: FakeCluster, replicas: number) => cluster.create(crResourceOf(crd), {
  apiVersion: 'demo.orkestra.io/v1alpha1', kind: 'Website', metadata: { name: 'site', namespace: 'web' }, spec: { replicas },
});
const deployment = async (cluster: FakeCluster) => {
  const r = await cluster.get({ resource: DEPLOYMENTS, namespace: 'web', name: 'site-deployment' });
  return r.ok ? r.value : undefined;
};

const siteWith = (type: string, status: string) => async () => {
  const r = await cluster0!.get({ resource: crResourceOf(crd), namespace: 'web', name: 'site' });
  const s = r.ok ? (r.value['status'] as { conditions?: { type: string; status: string }[] } | undefined) : undefined;
  return r.ok && s?.conditions?.some((c) => c.type === type && c.status === status) ? r.value : undefined;
};
let cluster0: FakeCluster | undefined;

test('waits for the CRD, adds the finalizer, applies the child (Applied), and reports Ready once the Deployment is available', async () => {
  const { cluster, controller } = setup();
  cluster0 = cluster;
  const abort = new AbortController();
  const running = controller.run(abort.signal);
  await until('waiting-for-crd', () => (controller.health().state === 'waiting-for-crd' ? true : undefined));
  await installCrd(cluster);
  await createSite(cluster, 2);
  const child = await until('the Deployment', () => deployment(cluster));
  assert.is((child['spec'] as { replicas: number }).replicas, 2);
  assert.is(child.metadata.annotations?.[OWNER_KEY_ANNOTATION], 'websites.demo.orkestra.io:web/site');
  await until('Applied', siteWith('Applied', 'True'));
  assert.ok(await siteWith('Ready', 'False')(), 'Ready waits for the Deployment');
  // The fake has no Deployment controller: play it through the status subresource.
  await cluster.patchStatus({ resource: DEPLOYMENTS, namespace: 'web', name: 'site-deployment' }, {
    observedGeneration: child.metadata.generation, replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2,
    conditions: [{ type: 'Available', status: 'True' }, { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' }],
  }, 'test');
  const site = await until('Ready', siteWith('Ready', 'True'));
  assert.ok(site.metadata.finalizers?.includes(FINALIZER));
  await until('healthy', () => (controller.health().state === 'healthy' ? true : undefined));
  abort.abort();
  await running;
  assert.is(controller.health().state, 'not-started');
});

test('drift: a field of ours another manager took is restored; its other fields are left alone', async () => {
  const { cluster, controller } = setup();
  const abort = new AbortController();
  await installCrd(cluster);
  await createSite(cluster, 2);
  const running = controller.run(abort.signal);
  const child = await until('the Deployment', () => deployment(cluster));
  // kubectl scale, as the API server records it: replicas changes and leaves our field set.
  const managed = (child.metadata.managedFields as { manager: string; fieldsV1: { 'f:spec': Record<string, unknown> } }[]);
  const ours = managed.find((m) => m.manager === 'orkestra-runtime')!;
  const { 'f:replicas': _taken, ...rest } = ours.fieldsV1['f:spec'];
  await cluster.update(DEPLOYMENTS, { ...child, metadata: { ...child.metadata, annotations: { ...child.metadata.annotations, team: 'x' },
    managedFields: [{ ...ours, fieldsV1: { ...ours.fieldsV1, 'f:spec': rest } }, { manager: 'kubectl', operation: 'Update', fieldsV1: { 'f:spec': { 'f:replicas': {} } } }] },
    spec: { ...(child['spec'] as object), replicas: 5 } });
  const restored = await until('replicas back to 2', async () => {
    const d = await deployment(cluster);
    return (d?.['spec'] as { replicas?: number } | undefined)?.replicas === 2 ? d : undefined;
  });
  assert.is(restored.metadata.annotations?.['team'], 'x', 'an annotation we do not manage survives');
  abort.abort();
  await running;
});

test('a deleted child brings its owner back and is applied again', async () => {
  const { cluster, controller } = setup();
  const abort = new AbortController();
  await installCrd(cluster);
  await createSite(cluster, 1);
  const running = controller.run(abort.signal);
  const first = await until('the Deployment', () => deployment(cluster));
  await cluster.delete({ resource: DEPLOYMENTS, namespace: 'web', name: 'site-deployment' });
  const second = await until('a new Deployment', async () => {
    const d = await deployment(cluster);
    return d && d.metadata.uid !== first.metadata.uid ? d : undefined;
  });
  assert.ok(second);
  abort.abort();
  await running;
});

test('a follower keeps its caches but writes nothing', async () => {
  const { cluster, controller, lines } = setup(false);
  const abort = new AbortController();
  await installCrd(cluster);
  await createSite(cluster, 1);
  const running = controller.run(abort.signal);
  await until('caches synced', () => (lines.some((l) => l.includes('"caches synced"')) ? true : undefined));
  assert.is(controller.queue.stats(0).depth, 1);
  abort.abort();
  await running;
  assert.is(cluster.calls('apply') + cluster.calls('patchMetadata') + cluster.calls('patchStatus'), 0);
});

test('a reconcile that starts before our own writes came back through the watch writes nothing again: their answers stand in', async () => {
  const results: ReconcileResult[] = [];
  const { cluster, controller } = setup(true, { dequeued: () => {}, reconciled: (r) => results.push(r) });
  await installCrd(cluster);
  await createSite(cluster, 1);
  // The list has the CR; its later events (our finalizer, our status) lag, as a busy watch does.
  cluster.holdWatches(crResourceOf(crd));
  const abort = new AbortController();
  const running = controller.run(abort.signal);
  try {
    // The Deployment's own event re-queues the CR while the cache still has it without them.
    await until('a second reconcile', () => (results.length >= 2 ? true : undefined));
    assert.equal(results, ['success', 'success']);
    assert.is(cluster.calls('patchMetadata'), 1, 'the finalizer once');
    assert.is(cluster.calls('patchStatus'), 1, 'the status once');
    assert.is(cluster.calls('apply'), 1);
    cluster.releaseWatches();
    await until('the cache caught up', () => (controller.get('web', 'site')?.metadata.finalizers?.includes(FINALIZER) ? true : undefined));
    await until('settled', () => (controller.queue.stats(0).depth === 0 ? true : undefined));
    assert.is(cluster.calls('patchMetadata') + cluster.calls('patchStatus') + cluster.calls('apply'), 3, 'nothing written once it came back');
  } finally {
    abort.abort();
    await running;
  }
});

test('every reconcile is reported to the observer, and the HTTP view reads the same caches', async () => {
  const results: ReconcileResult[] = [];
  let dequeued = 0;
  const { cluster, controller } = setup(true, { dequeued: () => dequeued++, reconciled: (r) => results.push(r) });
  const abort = new AbortController();
  await installCrd(cluster);
  await createSite(cluster, 1);
  assert.not.ok(controller.synced(), 'synced before it ran');
  const running = controller.run(abort.signal);
  await until('healthy', () => (controller.health().state === 'healthy' ? true : undefined));
  assert.ok(controller.synced());
  await until('settled', () => (controller.queue.stats(0).depth === 0 ? true : undefined));
  assert.ok(results.length >= 1 && results.every((r) => r === 'success'), results.join());
  assert.is(dequeued, results.length);
  assert.equal(controller.list().map((o) => o.metadata.name), ['site']);
  assert.is(controller.get('web', 'site')?.metadata.name, 'site');
  await until('the Deployment in the child cache', () => (controller.children('websites.demo.orkestra.io:web/site').size === 1 ? true : undefined));
  assert.equal([...controller.stats().keys()].sort(), ['deployments', 'websites']);
  abort.abort();
  await running;
});

test('the Events it records are kept for the HTTP view, and forgotten when the CR is deleted', async () => {
  const { cluster, controller } = setup();
  const abort = new AbortController();
  await installCrd(cluster);
  await createSite(cluster, 1);
  const running = controller.run(abort.signal);
  const events = await until('a recorded Event', () => (controller.events('web/site').length > 0 ? controller.events('web/site') : undefined));
  assert.equal([events[0]!.type, events[0]!.reason, events[0]!.action], ['Normal', 'Reconciled', 'Reconcile']);
  assert.ok(cluster.calls('create') >= 1, 'the Event was also written to the API server');
  await cluster.delete({ resource: crResourceOf(crd), namespace: 'web', name: 'site' });
  await until('the CR gone from the cache', () => (controller.get('web', 'site') === undefined ? true : undefined));
  assert.equal(controller.events('web/site'), []);
  abort.abort();
  await running;
});

test('a forbidden list degrades the CRD at once; the next allowed list brings it back', async () => {
  const { cluster, controller, lines } = setup();
  const abort = new AbortController();
  await installCrd(cluster);
  await createSite(cluster, 1);
  cluster.failNext('list', { type: 'forbidden', status: 403, message: 'websites is forbidden' }, 1);
  const running = controller.run(abort.signal);
  await until('healthy after the forbidden list', () => (controller.health().state === 'healthy' ? true : undefined));
  // The log keeps every transition, however short the degraded spell was.
  const changes = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l['msg'] === 'health changed').map((l) => `${String(l['from'])}>${String(l['to'])}`);
  assert.equal(changes, ['not-started>pending', 'pending>degraded', 'degraded>pending', 'pending>healthy']);
  assert.ok(lines.some((l) => l.includes('"watch forbidden: check that the bundle for this Katalog is applied"')));
  assert.ok(lines.some((l) => l.includes('"watch allowed again"')));
  abort.abort();
  await running;
});

test('more CRs than maxDepth: every one is reconciled, without waiting for a resync', async () => {
  const { cluster, controller, lines } = setup(true, undefined, 2);
  const abort = new AbortController();
  await installCrd(cluster);
  for (let i = 0; i < 7; i++) {
    await cluster.create(crResourceOf(crd), { apiVersion: 'demo.orkestra.io/v1alpha1', kind: 'Website', metadata: { name: `site-${i}`, namespace: 'web' }, spec: { replicas: 1 } });
  }
  const running = controller.run(abort.signal);
  // The resync is 60 s away: only the refill when the queue runs dry can reach the dropped CRs.
  await until('seven Deployments', async () => {
    const list = await cluster.list(DEPLOYMENTS, { namespace: 'web' });
    return list.ok && list.value.items.length === 7 ? true : undefined;
  });
  assert.ok(controller.queue.stats(0).droppedTotal > 0, 'the bound was never hit');
  // Each CR once (plus the requeue its own status write causes), not round after round.
  await new Promise((r) => setTimeout(r, 100));
  assert.ok(controller.reconciles() <= 14, `reconciles: ${controller.reconciles()}`);
  assert.is(lines.filter((l) => l.includes('"queue full: keys wait until the queue has room"')).length >= 1, true);
  abort.abort();
  await running;
});

test('a reconcile past its CPU budget: Ready=False naming the budget, a Warning Event, nothing applied (issue 12)', async () => {
  let asked = 0;
  // The runner the composition root builds stops the planning; here it refuses every plan at once.
  const refuse: RunWithBudget = () => {
    asked++;
    return { ok: false, budgetMs: 1000 };
  };
  const { cluster, controller } = setup(true, undefined, 100, refuse);
  const abort = new AbortController();
  await installCrd(cluster);
  await createSite(cluster, 1);
  const running = controller.run(abort.signal);
  const ready = await until('Ready=False', async () => {
    const r = await cluster.get({ resource: crResourceOf(crd), namespace: 'web', name: 'site' });
    const conditions = r.ok ? (r.value['status'] as { conditions?: { type: string; status: string; message?: string }[] } | undefined)?.conditions : undefined;
    return conditions?.find((c) => c.type === 'Ready' && c.status === 'False');
  });
  assert.match(ready.message ?? '', /more than its 1000 ms CPU budget \(RECONCILE_CPU_BUDGET\)/);
  const events = await until('a Warning Event', () => {
    const e = controller.events('web/site');
    return e.length > 0 ? e : undefined;
  });
  assert.is(events[0]!.type, 'Warning');
  assert.is(await deployment(cluster), undefined, 'nothing applied');
  assert.ok(asked >= 1);
  abort.abort();
  await running;
});

test('ready keys are planned together under one budget; when that runs out each is planned alone, and only the one past it fails', async () => {
  const calls: { size: number; slow: boolean }[] = [];
  // Stands in for a runaway plan: any call that plans the CR named slow runs out of its budget.
  const budget: RunWithBudget = <T>(task: () => T) => {
    const value = task();
    const size = Array.isArray(value) ? value.length : 1;
    const slow = JSON.stringify(value).includes('"slow-deployment"');
    calls.push({ size, slow });
    return slow ? { ok: false as const, budgetMs: 1000 } : { ok: true as const, value };
  };
  const { cluster, controller } = setup(true, undefined, 100, budget);
  await installCrd(cluster);
  for (const name of ['a', 'b', 'c', 'd', 'slow']) {
    await cluster.create(crResourceOf(crd), { apiVersion: 'demo.orkestra.io/v1alpha1', kind: 'Website', metadata: { name, namespace: 'web' }, spec: { replicas: 1 } });
  }
  const abort = new AbortController();
  const running = controller.run(abort.signal);
  try {
    const deployed = async (name: string) => (await cluster.get({ resource: DEPLOYMENTS, namespace: 'web', name: `${name}-deployment` })).ok;
    await until('the four Deployments', async () => ((await Promise.all(['a', 'b', 'c', 'd'].map(deployed))).every(Boolean) ? true : undefined));
    const readyOf = async (name: string) => {
      const r = await cluster.get({ resource: crResourceOf(crd), namespace: 'web', name });
      return r.ok ? (r.value['status'] as { conditions?: { type: string; message?: string }[] } | undefined)?.conditions?.find((c) => c.type === 'Ready') : undefined;
    };
    const stopped = await until('slow: Ready=False', async () => ((await readyOf('slow'))?.message?.includes('CPU budget') ? readyOf('slow') : undefined));
    assert.match(stopped?.message ?? '', /more than its 1000 ms CPU budget/);
    assert.is(await deployed('slow'), false, 'nothing applied for the CR past its budget');
    assert.ok(calls.some((c) => c.size > 1), `no call planned more than one key: ${JSON.stringify(calls)}`);
    assert.is(calls.filter((c) => c.slow && c.size > 1).length, 1, 'batched with the others once');
    // Changed together again: the one past its budget is planned alone from now on.
    const alone = calls.filter((c) => c.slow && c.size === 1).length;
    const before = calls.length;
    // Held and released at once, so all three are ready when a worker next looks.
    cluster.holdWatches(crResourceOf(crd));
    for (const name of ['slow', 'a', 'b']) {
      await cluster.apply(crResourceOf(crd), { apiVersion: 'demo.orkestra.io/v1alpha1', kind: 'Website', metadata: { name, namespace: 'web' }, spec: { replicas: 2 } }, { fieldManager: 'test', force: true });
    }
    cluster.releaseWatches();
    await until('slow planned again', () => (calls.filter((c) => c.slow && c.size === 1).length > alone ? true : undefined));
    assert.is(calls.filter((c) => c.slow && c.size > 1).length, 1, 'never batched again');
    assert.ok(calls.slice(before).some((c) => !c.slow && c.size === 2), `a and b still planned together: ${JSON.stringify(calls.slice(before))}`);
  } finally {
    abort.abort();
    await running;
  }
});

test('with the real budget runner a normal reconcile goes through unchanged', async () => {
  const { cluster, controller } = setup(true, undefined, 100, cpuBudget(5_000));
  const abort = new AbortController();
  await installCrd(cluster);
  await createSite(cluster, 3);
  const running = controller.run(abort.signal);
  const child = await until('the Deployment', () => deployment(cluster));
  assert.is((child['spec'] as { replicas: number }).replicas, 3);
  abort.abort();
  await running;
});

test('the CRD deleted under a running controller: waiting-for-crd, and back when it returns (issue 12)', async () => {
  const { cluster, controller, lines } = setup();
  const abort = new AbortController();
  await installCrd(cluster);
  await createSite(cluster, 1);
  const running = controller.run(abort.signal);
  await until('healthy', () => (controller.health().state === 'healthy' ? true : undefined));
  await cluster.delete({ resource: CRDS, name: 'websites.demo.orkestra.io' });
  await until('waiting-for-crd', () => (controller.health().state === 'waiting-for-crd' ? true : undefined));
  assert.ok(lines.some((l) => l.includes('CRD deleted: waiting for it to return')));
  await installCrd(cluster);
  await until('pending or healthy again', () => (['pending', 'healthy'].includes(controller.health().state) ? true : undefined));
  assert.ok(lines.some((l) => l.includes('CRD back: listing again')));
  abort.abort();
  await running;
});

test.run();

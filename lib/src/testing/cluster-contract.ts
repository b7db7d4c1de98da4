// The behaviour every Cluster implementation must show, run against the in-memory fake
// (fake-cluster.test.ts) and against the real adapter and API server (e2e/src/cluster-contract.test.ts).
// It asserts only what Kubernetes guarantees, so it can run in a namespace that holds other
// objects (kube-root-ca.crt): every test selects its own objects by name or label. The test
// framework comes in as a parameter, so @orkestra/lib/testing loads without any devDependency.
import type { ClusterResult } from '../ports/cluster-error.ts';
import type { Cluster, WatchEnd, WatchEvent } from '../ports/cluster.ts';
import type { KubeObject } from '../ports/kube-object.ts';
import type { Resource } from '../ports/resource.ts';
import { createAbort } from './abort.ts';
import type { ContractAssert, ContractRunner } from './contract-runner.ts';

/** What the contract runs against. */
export interface ContractSubject {
  readonly cluster: Cluster;
  /** An existing namespace the suite may fill. */
  readonly namespace: string;
  /** A namespaced resource with a `/status` subresource that keeps unknown `spec` and `status` fields, and the kind of its objects. */
  readonly statusResource: Resource;
  readonly statusKind: string;
  /** A resourceVersion too old to watch `statusResource` from (the fake compacts; a real server's watch cache for a CRD created after start begins past "1"). */
  staleResourceVersion(): Promise<string>;
  /** Waits about `ms` milliseconds (the fake may just yield, since it delivers events from microtasks). */
  wait(ms: number): Promise<void>;
  /** Called after the last test. */
  cleanup?(): Promise<void> | void;
}

const configMaps: Resource = { group: '', version: 'v1', resource: 'configmaps', namespaced: true };
const FM = 'orkestra-contract';

/** Registers and runs the Cluster contract as the suite `cluster contract: <name>` of `runner`. */
export function clusterContract(runner: ContractRunner, name: string, makeSubject: () => Promise<ContractSubject>): void {
  const assert: ContractAssert = runner.assert;
  const test = runner.suite(`cluster contract: ${name}`);
  let subject: ContractSubject | undefined;
  const s = (): ContractSubject => {
    if (!subject) throw new Error('the contract subject was not created');
    return subject;
  };
  test.before(async () => {
    subject = await makeSubject();
  });
  test.after(async () => {
    await subject?.cleanup?.();
  });

  const cm = (n: string, data: Record<string, string>, labels: Record<string, string> = {}): KubeObject => ({
    apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: n, namespace: s().namespace, labels }, data,
  });
  const ref = (n: string) => ({ resource: configMaps, namespace: s().namespace, name: n });

  test('create stores the object with uid and resourceVersion; a second create conflicts', async () => {
    const created = value(await s().cluster.create(configMaps, cm('c-create', { a: '1' })));
    assert.ok(created.metadata.uid);
    assert.ok(created.metadata.resourceVersion);
    const got = value(await s().cluster.get(ref('c-create')));
    assert.equal(got['data'], { a: '1' });
    assert.is(got.metadata.resourceVersion, created.metadata.resourceVersion);
    const again = await s().cluster.create(configMaps, cm('c-create', { a: '2' }));
    assert.is(errorType(again), 'conflict');
  });

  test('missing objects are not-found for get, delete, patchStatus, patchMetadata and update', async () => {
    const c = s().cluster;
    assert.is(errorType(await c.get(ref('c-missing'))), 'not-found');
    assert.is(errorType(await c.delete(ref('c-missing'))), 'not-found');
    assert.is(errorType(await c.patchMetadata(ref('c-missing'), { labels: { a: 'b' } }, FM)), 'not-found');
    const st = s().statusResource;
    assert.is(errorType(await c.patchStatus({ resource: st, namespace: s().namespace, name: 'c-missing' }, { phase: 'x' }, FM)), 'not-found');
    const put = await c.update(configMaps, { ...cm('c-missing', {}), metadata: { name: 'c-missing', namespace: s().namespace, resourceVersion: '1' } });
    assert.is(errorType(put), 'not-found');
  });

  test('list pages with limit and continue, and filters by label selector', async () => {
    const names = ['p-a', 'p-b', 'p-c', 'p-d', 'p-e'];
    for (const n of names) value(await s().cluster.create(configMaps, cm(n, {}, { contract: 'paging' })));
    value(await s().cluster.create(configMaps, cm('p-other', {}, { contract: 'other' })));
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = value(await s().cluster.list(configMaps, { namespace: s().namespace, labelSelector: 'contract=paging', limit: 2, ...(token ? { continue: token } : {}) }));
      assert.ok(page.items.length <= 2, `page of ${page.items.length}`);
      assert.ok(page.resourceVersion);
      seen.push(...page.items.map((i) => i.metadata.name));
      token = page.continue;
      pages++;
    } while (token && pages < 10);
    assert.equal(seen, names);
    assert.is(pages, 3);
    const all = value(await s().cluster.list(configMaps, { namespace: s().namespace, labelSelector: 'contract,contract!=paging' }));
    assert.equal(all.items.map((i) => i.metadata.name), ['p-other']);
  });

  // Issue 14: observe.watch of one object lists and watches it by name.
  test('list filters by the field selector metadata.name', async () => {
    const byName = value(await s().cluster.list(configMaps, { namespace: s().namespace, fieldSelector: 'metadata.name=p-other' }));
    assert.equal(byName.items.map((i) => i.metadata.name), ['p-other']);
  });

  test('apply creates, is idempotent, and changes only what it is given', async () => {
    const c = s().cluster;
    const first = value(await c.apply(configMaps, cm('c-apply', { a: '1' }), { fieldManager: FM, force: true }));
    assert.equal(first['data'], { a: '1' });
    const again = value(await c.apply(configMaps, cm('c-apply', { a: '1' }), { fieldManager: FM, force: true }));
    assert.is(again.metadata.resourceVersion, first.metadata.resourceVersion, 'an unchanged apply writes nothing');
    const changed = value(await c.apply(configMaps, cm('c-apply', { a: '2' }), { fieldManager: FM, force: true }));
    assert.is.not(changed.metadata.resourceVersion, first.metadata.resourceVersion);
    assert.equal(changed['data'], { a: '2' });
    assert.is(changed.metadata.uid, first.metadata.uid);
  });

  test('update needs the current resourceVersion, else conflict', async () => {
    const c = s().cluster;
    const created = value(await c.create(configMaps, cm('c-update', { a: '1' })));
    const updated = value(await c.update(configMaps, { ...created, data: { a: '2' } }));
    assert.equal(updated['data'], { a: '2' });
    assert.is.not(updated.metadata.resourceVersion, created.metadata.resourceVersion);
    assert.is(errorType(await c.update(configMaps, { ...created, data: { a: '3' } })), 'conflict');
  });

  test('patchMetadata sets and removes labels, conflicts on a stale resourceVersion', async () => {
    const c = s().cluster;
    const created = value(await c.create(configMaps, cm('c-meta', {}, { keep: 'yes', drop: 'yes' })));
    const patched = value(await c.patchMetadata(ref('c-meta'), { labels: { added: 'x', drop: null } }, FM));
    assert.equal(patched.metadata.labels, { keep: 'yes', added: 'x' });
    const stale = await c.patchMetadata(ref('c-meta'), { resourceVersion: created.metadata.resourceVersion!, labels: { late: 'x' } }, FM);
    assert.is(errorType(stale), 'conflict');
  });

  test('a finalizer holds deletion until patchMetadata removes it', async () => {
    const c = s().cluster;
    value(await c.create(configMaps, cm('c-final', {})));
    const held = value(await c.patchMetadata(ref('c-final'), { finalizers: ['orkestra.orkspace.io/contract'] }, FM));
    assert.equal(held.metadata.finalizers, ['orkestra.orkspace.io/contract']);
    value(await c.delete(ref('c-final')));
    const deleting = value(await c.get(ref('c-final')));
    assert.ok(deleting.metadata.deletionTimestamp, 'deletionTimestamp is set');
    const released = await c.patchMetadata(ref('c-final'), { resourceVersion: deleting.metadata.resourceVersion!, finalizers: [] }, FM);
    assert.ok(released.ok, 'removing the last finalizer succeeds');
    assert.is(errorType(await c.get(ref('c-final'))), 'not-found');
  });

  test('delete with a stale uid precondition conflicts; delete removes the object', async () => {
    const c = s().cluster;
    value(await c.create(configMaps, cm('c-delete', {})));
    assert.is(errorType(await c.delete(ref('c-delete'), { uid: 'not-the-uid' })), 'conflict');
    value(await c.delete(ref('c-delete'), { propagationPolicy: 'Background' }));
    assert.is(errorType(await c.get(ref('c-delete'))), 'not-found');
  });

  test('patchStatus writes status only: spec and generation stay', async () => {
    const c = s().cluster;
    const r = { resource: s().statusResource, namespace: s().namespace, name: 'c-status' };
    const obj: KubeObject = {
      apiVersion: `${r.resource.group}/${r.resource.version}`, kind: s().statusKind,
      metadata: { name: r.name, namespace: r.namespace }, spec: { size: 1 },
    };
    const created = value(await c.apply(r.resource, obj, { fieldManager: FM, force: true }));
    const patched = value(await c.patchStatus(r, { phase: 'Ready', observedGeneration: created.metadata.generation ?? 0 }, FM));
    assert.equal(patched['status'], { phase: 'Ready', observedGeneration: created.metadata.generation ?? 0 });
    assert.equal(patched['spec'], { size: 1 });
    assert.is(patched.metadata.generation, created.metadata.generation);
    assert.is.not(patched.metadata.resourceVersion, created.metadata.resourceVersion);
    const got = value(await c.get(r));
    assert.equal(got['status'], patched['status']);
  });

  test('watch from a list resourceVersion sees added, modified and deleted in order, and ends on abort', async () => {
    const c = s().cluster;
    const start = value(await c.list(configMaps, { namespace: s().namespace, labelSelector: 'contract=watch' }));
    const events: WatchEvent[] = [];
    const ac = createAbort();
    const ended = c.watch(configMaps, { resourceVersion: start.resourceVersion, namespace: s().namespace, labelSelector: 'contract=watch', timeoutSeconds: 60, allowWatchBookmarks: true }, (e) => events.push(e), ac.signal);
    value(await c.create(configMaps, cm('w-1', { a: '1' }, { contract: 'watch' })));
    value(await c.apply(configMaps, cm('w-1', { a: '2' }, { contract: 'watch' }), { fieldManager: FM, force: true }));
    value(await c.delete(ref('w-1')));
    const objects = () => events.filter((e) => e.type !== 'bookmark');
    await eventually(s(), () => objects().length >= 3, 'three watch events');
    assert.equal(objects().map((e) => [e.type, e.object.metadata.name]), [['added', 'w-1'], ['modified', 'w-1'], ['deleted', 'w-1']]);
    const modified = objects()[1];
    assert.equal(modified?.object['data'], { a: '2' });
    ac.abort();
    const end: ClusterResult<WatchEnd> = await ended;
    assert.equal(end, { ok: true, value: { type: 'aborted' } });
  });

  test('metadata-only list and watch carry metadata without the body', async () => {
    const c = s().cluster;
    const start = value(await c.list(configMaps, { namespace: s().namespace, labelSelector: 'contract=meta', metadataOnly: true }));
    const events: WatchEvent[] = [];
    const ac = createAbort();
    const ended = c.watch(configMaps, { resourceVersion: start.resourceVersion, namespace: s().namespace, labelSelector: 'contract=meta', timeoutSeconds: 60, allowWatchBookmarks: false, metadataOnly: true }, (e) => events.push(e), ac.signal);
    value(await c.create(configMaps, cm('m-1', { secret: 'body' }, { contract: 'meta' })));
    await eventually(s(), () => events.length >= 1, 'one watch event');
    const first = events[0];
    assert.ok(first && first.type === 'added');
    assert.is(first.type === 'added' ? first.object.metadata.name : '', 'm-1');
    assert.is(first.type === 'added' ? first.object['data'] : 'x', undefined);
    const listed = value(await c.list(configMaps, { namespace: s().namespace, labelSelector: 'contract=meta', metadataOnly: true }));
    assert.equal(listed.items.map((i) => [i.metadata.name, i['data']]), [['m-1', undefined]]);
    ac.abort();
    assert.ok((await ended).ok);
  });

  test('watch from an expired resourceVersion ends with gone', async () => {
    const stale = await s().staleResourceVersion();
    const ac = createAbort();
    const events: WatchEvent[] = [];
    const result = await Promise.race([
      s().cluster.watch(s().statusResource, { resourceVersion: stale, namespace: s().namespace, timeoutSeconds: 30, allowWatchBookmarks: true }, (e) => events.push(e), ac.signal),
      s().wait(15_000).then(() => undefined),
    ]);
    ac.abort();
    assert.ok(result, 'the watch ended by itself');
    assert.is(result && !result.ok ? result.error.type : 'none', 'gone');
  });

  test.run();
}

function value<T>(r: ClusterResult<T>): T {
  if (!r.ok) throw new Error(`expected success, got ${r.error.type} (${r.error.status ?? '-'}): ${r.error.message}`);
  return r.value;
}

function errorType(r: ClusterResult<unknown>): string {
  return r.ok ? 'ok' : r.error.type;
}

async function eventually(subject: ContractSubject, check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    await subject.wait(50);
  }
  throw new Error(`timed out waiting for ${what}`);
}

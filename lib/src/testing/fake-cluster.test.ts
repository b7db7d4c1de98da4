import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { WatchEvent } from '../ports/cluster.ts';
import type { Resource } from '../ports/resource.ts';
import { createAbort } from './abort.ts';
import { clusterContract } from './cluster-contract.ts';
import { fakeClock } from './fake-clock.ts';
import { fakeCluster } from './fake-cluster.ts';

// The fake delivers watch events from microtasks, so "waiting" is yielding to them.
clusterContract({ suite, assert }, 'in-memory fake', async () => {
  const cluster = fakeCluster({ clock: { now: () => Date.UTC(2026, 0, 1) } });
  return {
    cluster,
    namespace: 'contract',
    statusResource: { group: 'example.orkspace.io', version: 'v1', resource: 'widgets', namespaced: true },
    statusKind: 'Widget',
    staleResourceVersion: async () => {
      const rv = cluster.resourceVersion();
      cluster.compact();
      return String(Number(rv) - 1);
    },
    wait: async () => {
      for (let i = 0; i < 5; i++) await Promise.resolve();
    },
  };
});

// What the fake does beyond the contract, which tests elsewhere rely on.
const test = suite('fake cluster');
const namespaces: Resource = { group: '', version: 'v1', resource: 'namespaces', namespaced: false };
const configMaps: Resource = { group: '', version: 'v1', resource: 'configmaps', namespaced: true };

test('cluster-scoped objects need no namespace; namespaced ones must have one', async () => {
  const c = fakeCluster();
  const ns = await c.create(namespaces, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' } });
  assert.ok(ns.ok);
  assert.ok((await c.get({ resource: namespaces, name: 'a' })).ok);
  const stray = await c.create(namespaces, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'b', namespace: 'ignored' } });
  assert.is(stray.ok ? stray.value.metadata.namespace : 'failed', undefined, 'the namespace of a cluster-scoped object is cleared');
  const bad = await c.create(configMaps, { metadata: { name: 'x' } });
  assert.is(bad.ok ? 'ok' : bad.error.type, 'invalid');
});

test('failNext fails exactly the given number of calls, and calls are counted', async () => {
  const c = fakeCluster();
  c.failNext('get', { type: 'unavailable', message: 'down' }, 2);
  const ref = { resource: namespaces, name: 'none' };
  const types = [];
  for (let i = 0; i < 3; i++) {
    const r = await c.get(ref);
    types.push(r.ok ? 'ok' : r.error.type);
  }
  assert.equal(types, ['unavailable', 'unavailable', 'not-found']);
  assert.is(c.calls('get'), 3);
});

test('a watch from an older resourceVersion replays what happened since, until compacted', async () => {
  const c = fakeCluster();
  const start = c.resourceVersion();
  await c.create(configMaps, { metadata: { name: 'a', namespace: 'n' } });
  await c.create(configMaps, { metadata: { name: 'b', namespace: 'other' } });
  const seen: string[] = [];
  const ab = createAbort();
  const ended = c.watch(configMaps, { resourceVersion: start, namespace: 'n', timeoutSeconds: 1, allowWatchBookmarks: false }, (e) => seen.push(e.type === 'bookmark' ? 'bookmark' : `${e.type} ${e.object.metadata.name}`), ab.signal);
  await Promise.resolve();
  assert.equal(seen, ['added a']);
  assert.is(c.openWatches(), 1);
  c.closeWatches();
  assert.equal(await ended, { ok: true, value: { type: 'closed' } });
  c.compact();
  const gone = await c.watch(configMaps, { resourceVersion: start, timeoutSeconds: 1, allowWatchBookmarks: false }, () => {}, ab.signal);
  assert.is(gone.ok ? 'ok' : gone.error.type, 'gone');
});

test('held watch events arrive in order once released; other resources are not held', async () => {
  const c = fakeCluster();
  const secrets: Resource = { group: '', version: 'v1', resource: 'secrets', namespaced: true };
  const seen: string[] = [];
  const ab = createAbort();
  const opts = { resourceVersion: c.resourceVersion(), timeoutSeconds: 1, allowWatchBookmarks: false };
  const name = (e: WatchEvent) => (e.type === 'bookmark' ? 'bookmark' : `${e.type} ${e.object.metadata.name}`);
  void c.watch(configMaps, opts, (e) => seen.push(name(e)), ab.signal);
  void c.watch(secrets, opts, (e) => seen.push(name(e)), ab.signal);
  c.holdWatches(configMaps);
  await c.create(configMaps, { metadata: { name: 'a', namespace: 'n' } });
  await c.create(secrets, { metadata: { name: 's', namespace: 'n' } });
  await c.create(configMaps, { metadata: { name: 'b', namespace: 'n' } });
  await Promise.resolve();
  assert.equal(seen, ['added s']);
  c.releaseWatches();
  await Promise.resolve();
  assert.equal(seen, ['added s', 'added a', 'added b']);
  ab.abort();
});

test('apply stamps uid, generation and managedFields; a spec change bumps generation, a label change does not', async () => {
  const c = fakeCluster({ clock: fakeClock(0) });
  const opts = { fieldManager: 'm', force: true };
  const obj = (size: number, label: string) => ({ apiVersion: 'x/v1', kind: 'W', metadata: { name: 'w', namespace: 'n', labels: { l: label } }, spec: { size } });
  const w: Resource = { group: 'x', version: 'v1', resource: 'ws', namespaced: true };
  const first = await c.apply(w, obj(1, 'a'), opts);
  const relabelled = await c.apply(w, obj(1, 'b'), opts);
  const resized = await c.apply(w, obj(2, 'b'), opts);
  assert.ok(first.ok && relabelled.ok && resized.ok);
  if (!first.ok || !relabelled.ok || !resized.ok) return;
  assert.is(first.value.metadata.creationTimestamp, '1970-01-01T00:00:00.000Z');
  const fields = first.value.metadata.managedFields as { manager: string; operation: string; fieldsV1: Record<string, unknown> }[];
  assert.equal(fields.map((f) => [f.manager, f.operation]), [['m', 'Apply']]);
  assert.equal(fields[0]!.fieldsV1['f:spec'], { 'f:size': {} }, 'the applied fields are the manager\'s set');
  assert.equal([first.value.metadata.generation, relabelled.value.metadata.generation, resized.value.metadata.generation], [1, 1, 2]);
});

test.run();

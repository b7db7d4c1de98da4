// The informer loop on fake time against the in-memory cluster: backoff, 410 relist with
// synthetic deletes, the stall watchdog, degraded on 403, managedFields stripping.
import { setImmediate as tick } from 'node:timers/promises';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { ClusterError, KubeObject, Resource } from '@orkestra/lib/ports';
import { fakeCluster, type FakeCluster } from '@orkestra/lib/testing';
import { createInformer, type Informer, type InformerEvent, type InformerOptions } from './informer.ts';

const test = suite('informer');
const configMaps: Resource = { group: '', version: 'v1', resource: 'configmaps', namespaced: true };
const unavailable: ClusterError = { type: 'unavailable', status: 503, message: 'down' };

/** Fake time: sleeps resolve only when the test advances the clock past them. */
function fakeTime() {
  let now = 0;
  const timers: { atMs: number; resolve: () => void }[] = [];
  return {
    clock: { now: () => now },
    sleep: (ms: number, signal: AbortSignal) => new Promise<void>((resolve) => {
      if (signal.aborted) return resolve();
      const done = (): void => {
        signal.removeEventListener('abort', done);
        const i = timers.findIndex((t) => t.resolve === done);
        if (i >= 0) timers.splice(i, 1);
        resolve();
      };
      timers.push({ atMs: now + ms, resolve: done });
      signal.addEventListener('abort', done, { once: true });
    }),
    async advance(ms: number) {
      now += ms;
      for (const t of timers.filter((x) => x.atMs <= now)) t.resolve();
      await settle();
    },
  };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await tick();
}

interface Harness {
  readonly cluster: FakeCluster;
  readonly informer: Informer;
  readonly events: InformerEvent[];
  readonly errors: [string, number][];
  readonly time: ReturnType<typeof fakeTime>;
  readonly stop: () => Promise<void>;
}

async function start(setup: (cluster: FakeCluster) => Promise<void> = async () => {}, extra: Partial<InformerOptions> = {}): Promise<Harness> {
  const cluster = fakeCluster();
  await setup(cluster);
  const time = fakeTime();
  const events: InformerEvent[] = [];
  const errors: [string, number][] = [];
  const informer = createInformer({
    cluster, resource: configMaps, namespace: 'ns', clock: time.clock, entropy: { float: () => 0 }, sleep: time.sleep,
    onEvent: (e) => events.push(e), onError: (e, ms) => errors.push([e.type, ms]), ...extra,
  });
  const ac = new AbortController();
  const running = informer.run(ac.signal);
  await settle();
  return { cluster, informer, events, errors, time, stop: async () => { ac.abort(); await running; } };
}

const cm = (name: string, data: Record<string, string> = {}): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'ns' }, data });
const summary = (events: InformerEvent[]) => events.map((e) => (e.type === 'synced' ? 'synced' : `${e.type}${e.type === 'delete' && e.synthetic ? '*' : ''} ${e.object.metadata.name}`));

test('lists in pages, syncs, then follows the watch', async () => {
  const h = await start(async (c) => {
    for (const n of ['a', 'b', 'c']) await c.create(configMaps, cm(n));
  }, { pageSize: 2 });
  assert.is(h.cluster.calls('list'), 2, 'two pages');
  await h.cluster.create(configMaps, cm('d'));
  await h.cluster.apply(configMaps, cm('a', { x: '1' }), { fieldManager: 't', force: true });
  await h.cluster.delete({ resource: configMaps, namespace: 'ns', name: 'b' });
  await settle();
  assert.equal(summary(h.events), ['add a', 'add b', 'add c', 'synced', 'add d', 'update a', 'delete b']);
  assert.equal(h.informer.list().map((o) => o.metadata.name).sort(), ['a', 'c', 'd']);
  assert.equal(h.informer.get('ns', 'a')?.['data'], { x: '1' });
  assert.is(h.informer.get('ns', 'a')?.metadata.managedFields, undefined, 'managedFields stripped');
  assert.ok(h.informer.stats().synced);
  await h.stop();
});

test('list failures back off 800, 1600, 3200 ms and the loop keeps going', async () => {
  const h = await start(async (c) => c.failNext('list', unavailable, 3));
  assert.equal(h.errors, [['unavailable', 800]]);
  await h.time.advance(799);
  assert.is(h.cluster.calls('list'), 1, 'no retry before the delay');
  await h.time.advance(1);
  await h.time.advance(1600);
  await h.time.advance(3200);
  assert.equal(h.errors, [['unavailable', 800], ['unavailable', 1600], ['unavailable', 3200]]);
  assert.is(h.cluster.calls('list'), 4);
  assert.equal(summary(h.events), ['synced']);
  assert.is(h.cluster.openWatches(), 1);
  await h.stop();
});

test('403 marks the informer degraded without stopping it; success clears it', async () => {
  const health: string[] = [];
  const h = await start(async (c) => c.failNext('list', { type: 'forbidden', status: 403, message: 'no' }, 2), { onHealth: (x) => health.push(x.type) });
  assert.is(h.informer.stats().degraded?.status, 403);
  await h.time.advance(800);
  assert.is(h.informer.stats().degraded?.status, 403, 'still forbidden');
  await h.time.advance(1600);
  assert.is(h.informer.stats().degraded, undefined);
  assert.equal(health, ['degraded', 'healthy'], 'reported on change only');
  assert.ok(h.informer.stats().synced);
  await h.stop();
});

test('a clean close re-watches from the last resourceVersion without listing', async () => {
  const h = await start(async (c) => void (await c.create(configMaps, cm('a'))));
  await h.cluster.create(configMaps, cm('b'));
  await settle();
  h.cluster.closeWatches();
  await settle();
  await h.cluster.create(configMaps, cm('c'));
  await settle();
  assert.is(h.cluster.calls('list'), 1);
  assert.is(h.cluster.calls('watch'), 2);
  assert.is(h.informer.stats().reconnects, 1);
  assert.equal(summary(h.events), ['add a', 'synced', 'add b', 'add c']);
  await h.stop();
});

test('410 relists and turns what vanished meanwhile into synthetic deletes', async () => {
  const h = await start(async (c) => {
    await c.create(configMaps, cm('a'));
    await c.create(configMaps, cm('b'));
  });
  h.cluster.breakWatches({ type: 'gone', status: 410, message: 'too old resource version' });
  await settle();
  assert.equal(h.errors, [['gone', 800]]);
  // While the informer waits, b goes, c comes and a changes; the watch is not there to see it.
  await h.cluster.delete({ resource: configMaps, namespace: 'ns', name: 'b' });
  await h.cluster.create(configMaps, cm('c'));
  await h.cluster.apply(configMaps, cm('a', { v: '2' }), { fieldManager: 't', force: true });
  await h.time.advance(800);
  assert.equal(summary(h.events), ['add a', 'add b', 'synced', 'update a', 'add c', 'delete* b']);
  assert.is(h.informer.stats().relists, 1);
  assert.is(h.cluster.openWatches(), 1);
  await h.stop();
});

test('the watchdog aborts a silent watch after timeoutSeconds plus margin, then re-watches', async () => {
  const h = await start(async (c) => void (await c.create(configMaps, cm('a'))));
  // entropy 0: timeoutSeconds = 300, so silence past 330 s is a stall.
  for (let t = 0; t < 325_000; t += 5_000) await h.time.advance(5_000);
  assert.is(h.informer.stats().stalls, 0);
  for (let t = 0; t < 10_000; t += 5_000) await h.time.advance(5_000);
  assert.is(h.informer.stats().stalls, 1);
  assert.equal(h.errors.map(([type]) => type), ['unavailable']);
  await h.time.advance(h.errors[0]![1]);
  assert.is(h.cluster.calls('watch'), 2);
  assert.is(h.cluster.openWatches(), 1);
  await h.cluster.create(configMaps, cm('b'));
  await settle();
  assert.equal(summary(h.events), ['add a', 'synced', 'add b']);
  await h.stop();
});

test('events and bookmarks keep the watchdog quiet', async () => {
  const h = await start();
  for (let i = 0; i < 10; i++) {
    await h.time.advance(100_000);
    await h.cluster.create(configMaps, cm(`x${i}`));
    await settle();
  }
  assert.is(h.informer.stats().stalls, 0);
  assert.is(h.informer.stats().lastEventMs, 1_000_000);
  await h.stop();
});

test('metadata-only mode caches metadata without the body', async () => {
  const h = await start(async (c) => void (await c.create(configMaps, cm('a', { secret: 'x' }))), { metadataOnly: true });
  await h.cluster.create(configMaps, cm('b', { secret: 'y' }));
  await settle();
  assert.equal(h.informer.list().map((o) => [o.metadata.name, o['data'], o.kind]), [['a', undefined, 'PartialObjectMetadata'], ['b', undefined, 'PartialObjectMetadata']]);
  await h.stop();
});

test('aborting ends run() promptly, also during a backoff', async () => {
  const h = await start(async (c) => c.failNext('list', unavailable, 100));
  const openBefore = h.cluster.openWatches();
  await h.stop();
  assert.is(openBefore, 0);
  assert.is(h.cluster.openWatches(), 0);
  assert.is(h.cluster.calls('list'), 1);
});

test.run();

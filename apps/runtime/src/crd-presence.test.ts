import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Cluster, ClusterResult, KubeObject as ClusterObject } from '@orkestra/lib/ports';
import { CrdPresenceMonitor, type CrdPresence } from './crd-presence.ts';

const test = suite('CRD presence');

test('reports gone on a 404 or a deletionTimestamp and back when the CRD returns; other errors change nothing; checkNow looks at once', async () => {
  const answers: ClusterResult<ClusterObject>[] = [
    { ok: true, value: { apiVersion: 'v1', kind: 'CustomResourceDefinition', metadata: { name: 'x' } } },
    { ok: false, error: { type: 'not-found', message: 'gone' } },
    { ok: false, error: { type: 'unavailable', message: 'connection refused' } },
    { ok: false, error: { type: 'not-found', message: 'gone' } },
    { ok: true, value: { apiVersion: 'v1', kind: 'CustomResourceDefinition', metadata: { name: 'x' } } },
    // Terminating: gone again, though the object is still there.
    { ok: true, value: { apiVersion: 'v1', kind: 'CustomResourceDefinition', metadata: { name: 'x', deletionTimestamp: '2026-01-01T00:00:00Z' } } },
    { ok: true, value: { apiVersion: 'v1', kind: 'CustomResourceDefinition', metadata: { name: 'x' } } },
  ];
  const seen: CrdPresence[] = [];
  let asked = 0;
  const cluster: Pick<Cluster, 'get'> = {
    get: async (ref) => {
      assert.is(ref.name, 'websites.demo.io');
      return answers[asked++] ?? answers[answers.length - 1]!;
    },
  };
  const abort = new AbortController();
  // An hour between ticks: only checkNow can make it look within the test.
  const monitor = new CrdPresenceMonitor(cluster, 'websites.demo.io', 3_600_000, (p) => seen.push(p));
  const running = monitor.run(abort.signal);
  for (let i = 0; i < answers.length; i++) {
    const before = asked;
    monitor.checkNow();
    while (asked === before) await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
  }
  abort.abort();
  await running;
  assert.equal(seen, ['gone', 'back', 'gone', 'back']);
  assert.is(monitor.gone(), false);
});

test.run();

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Snapshot } from './build-snapshot.ts';
import { renderSnapshot } from './render-snapshot.ts';

const test = suite('render-snapshot');

const snapshot = (pad: number): Snapshot => ({
  updatedAt: '2030-01-01T00:00:00.000Z', refreshSeconds: 10,
  stats: { totalRuntimes: 2, onlineRuntimes: 2, totalCrds: 1, healthyCrds: 1, totalWorkers: 1, totalResources: 0, totalQueueDepth: 0 },
  runtimes: [
    { id: 'r0', url: 'http://a:8080', status: 'online', isLeader: true, katalog: { crds: [] }, history: [] },
    { id: 'r1', url: 'http://b:8080', status: 'online', lastSeen: '2030-01-01T00:00:00.000Z', isLeader: false, katalog: { pad: 'x'.repeat(pad) },
      gateway: { endpoint: 'http://gw:8080', status: 'online', stats: { pad: 'y'.repeat(pad) } }, history: [{ at: 'x', queueDepth: 0, totalReconciles: 0, errors: 0, crds: {} }] },
  ],
});

test('within budget: the same JSON as JSON.stringify', () => {
  const s = snapshot(10);
  assert.is(renderSnapshot(s, 10_000), JSON.stringify(s));
});

// Issue 12, finding 11: one huge runtime answer was copied into every client's stream.
test('a runtime over its budget keeps identity and status, loses its Katalog, gateway stats and history, and says why', () => {
  const text = renderSnapshot(snapshot(5_000), 2_000);
  assert.ok(text.length < 2_500, `${text.length} characters`);
  const parsed = JSON.parse(text) as Snapshot;
  assert.equal(parsed.runtimes[0], snapshot(0).runtimes[0], 'the other runtime is untouched');
  const r1 = parsed.runtimes[1]!;
  assert.equal(Object.keys(r1), ['id', 'url', 'status', 'lastSeen', 'isLeader', 'error', 'gateway', 'history']);
  assert.equal(r1.gateway, { endpoint: 'http://gw:8080', status: 'online' });
  assert.match(r1.error ?? '', /^what this runtime reports takes 10\d{3} characters, over the Control Center's 2000-character budget per runtime/);
  assert.equal(parsed.stats, snapshot(0).stats);
});

test.run();

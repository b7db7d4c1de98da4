import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { buildSnapshot, summarize } from './build-snapshot.ts';
import type { KatalogFacts, RuntimeState } from './model.ts';

const test = suite('buildSnapshot, summarize');
const T0 = Date.UTC(2026, 10, 24, 7, 0, 0);

const facts = (isLeader: boolean, states: string[]): KatalogFacts => ({
  isLeader, ready: true,
  crds: [
    ...states.map((state, i) => ({ name: `c${i}`, enabled: true, state, resourceCount: 3, queueDepth: 2, totalReconciles: 5, errorRate: 0, workers: 2 })),
    { name: 'off', enabled: false, state: 'not-started', resourceCount: 9, queueDepth: 9, totalReconciles: 0, errorRate: 0, workers: 9 },
  ],
});
const runtime = (id: string, status: RuntimeState['status'], f?: KatalogFacts): RuntimeState => ({
  id, url: `http://${id}:8080`, status, history: [], ...(f ? { katalog: { facts: f, body: { id } }, lastSeenMs: T0 - 1000 } : {}),
});

const cases: [string, RuntimeState[], ReturnType<typeof summarize>][] = [
  ['no runtime', [], { totalRuntimes: 0, onlineRuntimes: 0, totalCrds: 0, healthyCrds: 0, totalWorkers: 0, totalResources: 0, totalQueueDepth: 0 }],
  ['one online runtime: enabled CRDs only', [runtime('r0', 'online', facts(true, ['healthy', 'degraded']))],
    { totalRuntimes: 1, onlineRuntimes: 1, totalCrds: 2, healthyCrds: 1, totalWorkers: 4, totalResources: 6, totalQueueDepth: 4 }],
  ['a starting runtime counts, an offline one only as a runtime', [
    runtime('r0', 'starting', facts(false, ['pending'])), runtime('r1', 'offline', facts(true, ['healthy'])), runtime('r2', 'offline'),
  ], { totalRuntimes: 3, onlineRuntimes: 0, totalCrds: 1, healthyCrds: 0, totalWorkers: 2, totalResources: 3, totalQueueDepth: 2 }],
];
for (const [name, states, want] of cases) test(`summarize: ${name}`, () => assert.equal(summarize(states), want));

test('the snapshot carries RFC 3339 times, the katalog body as given and the leader flag', () => {
  const states: RuntimeState[] = [
    { ...runtime('r0', 'online', facts(true, ['healthy'])), history: [{ atMs: T0 - 1000, queueDepth: 1, totalReconciles: 2, errors: 0, crds: {} }] },
    { ...runtime('r1', 'offline'), error: 'timeout after 5000 ms' },
  ];
  const snap = buildSnapshot(states, T0, 10_000);
  assert.is(snap.updatedAt, '2026-11-24T07:00:00.000Z');
  assert.is(snap.refreshSeconds, 10);
  assert.equal(snap.runtimes[0], {
    id: 'r0', url: 'http://r0:8080', status: 'online', lastSeen: '2026-11-24T06:59:59.000Z', isLeader: true, katalog: { id: 'r0' },
    history: [{ at: '2026-11-24T06:59:59.000Z', queueDepth: 1, totalReconciles: 2, errors: 0, crds: {} }],
  });
  assert.equal(snap.runtimes[1], { id: 'r1', url: 'http://r1:8080', status: 'offline', error: 'timeout after 5000 ms', history: [] });
  // The snapshot is plain JSON: it survives a round trip unchanged.
  assert.equal(JSON.parse(JSON.stringify(snap)), snap);
});

test.run();

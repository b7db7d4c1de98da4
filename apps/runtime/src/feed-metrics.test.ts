import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseKatalog } from '@orkestra/lib';
import type { CrdHealth, WorkQueueStats } from '@orkestra/lib/runtime';
import { fakeClock } from '@orkestra/lib/testing';
import { createRuntimeMetrics, type RuntimeMetrics } from './metrics/index.ts';
import type { InformerStats } from '@orkestra/adapters/kube';
import { feedMetrics } from './feed-metrics.ts';
import type { ViewSource } from './runtime-view.ts';

const test = suite('feedMetrics');

const parsed = parseKatalog({ file: 'k.yaml', text: `apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata: { name: t }
spec:
  crds:
    website:
      apiTypes: { group: demo.orkestra.io, version: v1alpha1, kind: Website, plural: websites }
` });
if (!parsed.ok) throw new Error(JSON.stringify(parsed.diagnostics));
const crd = parsed.katalog.crds[0]!;

test('each scrape publishes queue, workers, health, watches and leadership as they are now', async () => {
  const clock = fakeClock(10_000);
  let leading = false;
  let queue: WorkQueueStats = { depth: 3, waiting: 0, processing: 1, addsTotal: 7, retriesTotal: 2, droppedTotal: 0, unfinishedWorkMs: 0, longestRunningMs: 0 };
  const health: CrdHealth = { state: 'degraded', consecutiveFailures: 10, sinceMs: 0 };
  const watch = { reconnects: 2, lastEventMs: 8_000 } as InformerStats;
  const source: ViewSource = {
    controller: { crd, health: () => health, reconciles: () => 0, queue: { stats: () => queue } },
    cache: { synced: () => true, list: () => [], get: () => undefined, children: () => new Map(), stats: () => new Map([['websites', watch]]), events: () => [] },
  };
  const metrics: RuntimeMetrics = createRuntimeMetrics({ defaultMetrics: false, beforeScrape: feedMetrics(() => metrics, [source], () => leading, clock) });
  let text = await metrics.metrics();
  assert.match(text, 'workqueue_depth{name="website",controller="website",priority=""} 3');
  assert.match(text, 'workqueue_adds_total{name="website",controller="website"} 7');
  assert.match(text, 'controller_runtime_active_workers{controller="website"} 1');
  assert.match(text, 'orkestra_crd_health{crd="website",state="degraded"} 1');
  assert.match(text, 'orkestra_watch_reconnects_total{resource="website/websites"} 2');
  assert.match(text, 'orkestra_last_event_age_seconds{resource="website/websites"} 2');
  assert.match(text, 'leader_election_master_status{name="orkestra-runtime"} 0');
  leading = true;
  queue = { ...queue, depth: 0 };
  text = await metrics.metrics();
  assert.match(text, 'workqueue_depth{name="website",controller="website",priority=""} 0');
  assert.match(text, 'leader_election_master_status{name="orkestra-runtime"} 1');
});

test.run();

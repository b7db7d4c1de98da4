// Pulls what the metrics are not told as it happens: gauges read at scrape time. Reconcile results
// and durations arrive as they happen, through each controller's ReconcileObserver (main.ts).
import type { Clock } from '@orkestra/lib/ports';
import type { RuntimeMetrics } from './metrics/index.ts';
import type { ViewSource } from './runtime-view.ts';

/** Returns a `beforeScrape` that publishes queue, worker, health, watch and leader state. */
export function feedMetrics(metrics: () => RuntimeMetrics, sources: readonly ViewSource[] | (() => readonly ViewSource[]), isLeader: () => boolean, clock: Clock): () => void {
  return () => {
    const m = metrics();
    // A function when the controllers can change (a registry Katalog swaps them, issue 19).
    const current = typeof sources === 'function' ? sources() : sources;
    const nowMs = clock.now();
    for (const { controller, cache } of current) {
      const name = controller.crd.name;
      const stats = controller.queue.stats(nowMs);
      m.setQueue(name, stats);
      m.setActiveWorkers(name, stats.processing);
      m.setCrdHealth(name, controller.health().state);
      for (const [resource, s] of cache.stats()) m.observeWatch(`${name}/${resource}`, s, nowMs);
    }
    m.setLeader(isLeader());
  };
}

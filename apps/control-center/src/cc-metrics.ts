// The Control Center's Prometheus metrics on a private registry: which runtimes answer, how long a
// poll pass takes, how many browsers are connected, plus Node's process metrics.
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Snapshot } from '@orkestra/lib/control-center';
import type { Metrics } from '@orkestra/lib/ports';

/** The metrics behind typed methods. */
export interface ControlCenterMetrics extends Metrics {
  /** orkestra_cc_runtime_up{runtime,url} from a snapshot, orkestra_cc_poll_duration_seconds from the pass. */
  observePass(snapshot: Snapshot, seconds: number): void;
  /** orkestra_cc_sse_clients. */
  setSseClients(n: number): void;
}

const POLL_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** Creates the metrics; `defaultMetrics` adds Node's process_* and nodejs_* series. */
export function createControlCenterMetrics(options: { readonly defaultMetrics?: boolean } = {}): ControlCenterMetrics {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });
  const up = new Gauge({ name: 'orkestra_cc_runtime_up', help: '1 when the runtime answered the last poll (online or starting), 0 when offline.', labelNames: ['runtime', 'url'], registers: [registry] });
  const poll = new Histogram({ name: 'orkestra_cc_poll_duration_seconds', help: 'Duration of one poll pass over every runtime.', buckets: POLL_BUCKETS, registers: [registry] });
  const clients = new Gauge({ name: 'orkestra_cc_sse_clients', help: 'Open Server-Sent Events streams (/api/events).', registers: [registry] });
  clients.set(0);
  return {
    contentType: registry.contentType,
    metrics: () => registry.metrics(),
    observePass(snapshot, seconds) {
      for (const r of snapshot.runtimes) up.set({ runtime: r.id, url: r.url }, r.status === 'offline' ? 0 : 1);
      poll.observe(seconds);
    },
    setSseClients(n) {
      clients.set(n);
    },
  };
}

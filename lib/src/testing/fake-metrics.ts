import type { Metrics } from '../ports/metrics.ts';

/** A Metrics whose exposition text the test sets, counting how often it was scraped. */
export interface FakeMetrics extends Metrics {
  /** How many times `metrics()` was called. */
  readonly scrapes: number;
  /** Replaces the text the next scrapes return. */
  set(text: string): void;
}

/** The content type of Prometheus text exposition 0.0.4, as prom-client sends it. */
const PROMETHEUS_TEXT = 'text/plain; version=0.0.4; charset=utf-8';

/** Creates a FakeMetrics serving `text`. */
export function fakeMetrics(text = ''): FakeMetrics {
  let current = text;
  let scrapes = 0;
  return {
    contentType: PROMETHEUS_TEXT,
    get scrapes() { return scrapes; },
    metrics() {
      scrapes++;
      return Promise.resolve(current);
    },
    set(next) {
      current = next;
    },
  };
}

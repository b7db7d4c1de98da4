// Issue 18: /convert in the gateway's `/katalog` body (spec/gateway.md §7.1): lifetime counters,
// the rolling window of the last N reviews, and per CRD the reference's crds[].conversion fields
// (total, success, failures, avgLatencyMs, p95LatencyMs) plus that CRD's share of the window.
import type { ConversionWindow, ConversionWindowCounts } from '@orkestra/lib/conversion';
import type { ConversionStats } from './conversion.ts';

/** What the view reads of /convert; absent when the gateway does not serve it. */
export interface ConversionViewSource {
  /** CRD keys /convert serves. */
  readonly crds: readonly string[];
  readonly stats: ConversionStats;
  readonly window: ConversionWindow;
}

/** The top-level `conversion` block and the per-CRD one, read once per request. */
export function conversionView(s: ConversionViewSource | undefined): {
  readonly enabled: boolean;
  readonly block: Record<string, unknown>;
  crd(name: string): Record<string, unknown>;
} {
  if (s === undefined || s.crds.length === 0) {
    return { enabled: false, block: { enabled: false, crds: [] }, crd: () => ({ enabled: false, total: 0, success: 0, failures: 0 }) };
  }
  const window = s.window.summary();
  const served = new Set(s.crds);
  return {
    enabled: true,
    block: {
      enabled: true,
      crds: [...s.crds],
      total: { reviews: s.stats.reviews, failedReviews: s.stats.rejected, objects: s.stats.objects, failedObjects: s.stats.failures },
      window,
    },
    crd(name) {
      let success = 0;
      let failures = 0;
      for (const p of s.stats.byPair.values()) {
        if (p.crd !== name) continue;
        success += p.converted;
        failures += p.failed;
      }
      const w: ConversionWindowCounts = window.crds.find((c) => c.crd === name) ?? { reviews: 0, failedReviews: 0, objects: 0, failedObjects: 0 };
      return {
        enabled: served.has(name), total: success + failures, success, failures,
        ...(w.latencyMs ? { avgLatencyMs: w.latencyMs.avg, p95LatencyMs: w.latencyMs.p95 } : {}),
        window: { reviews: w.reviews, failedReviews: w.failedReviews, objects: w.objects, failedObjects: w.failedObjects, ...(w.latencyMs ? { latencyMs: w.latencyMs } : {}) },
      };
    },
  };
}

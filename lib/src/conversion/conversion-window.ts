// The rolling statistics of the gateway's /convert over its last N reviews (the reference's
// `security.conversion.conversionWindow`, spec/gateway.md §7.1). Pure: the caller times each
// review and passes the duration in. Recording is O(distinct version pairs of the review) and
// keeps one small record per review; percentiles and sums are computed when the summary is read
// (the gateway's /katalog, polled every few seconds), never per object.
import type { ConvertedObjectOutcome } from './answer-conversion-review.ts';

/** Objects of one CRD converted between two versions (`crd`/`from` are `unknown` when not known). */
export interface ConversionPairCount {
  readonly crd: string;
  readonly from: string;
  readonly to: string;
  converted: number;
  failed: number;
}

/** One answered review as the window keeps it. */
export interface ConversionReviewSample {
  /** The CRD key of the review's objects, when known (a malformed review has none). */
  readonly crd?: string;
  /** Its objects folded per version pair (`foldConversionPairs`); empty when none were read. */
  readonly pairs: readonly ConversionPairCount[];
  /** Answered `Failure` or refused (HTTP 400, 413, 503). */
  readonly failed: boolean;
  /** Time to answer it in seconds; absent when it was not timed (refused by the review budget). */
  readonly seconds?: number;
}

/** Latency of the timed reviews in a window, in milliseconds (nearest-rank percentiles). */
export interface ConversionLatencyMs {
  /** Reviews the figures are over (reviews refused by the budget are not timed). */
  readonly timed: number;
  readonly p50: number;
  /** The reference's figure (its crds[].conversion.p95LatencyMs). */
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
  readonly avg: number;
}

/** Counts over the reviews in a window. */
export interface ConversionWindowCounts {
  readonly reviews: number;
  readonly failedReviews: number;
  readonly objects: number;
  readonly failedObjects: number;
  /** Absent when no review in the window was timed. */
  readonly latencyMs?: ConversionLatencyMs;
}

/** What the window holds: totals, per CRD and per version pair (sorted by crd, from, to). */
export interface ConversionWindowSummary extends ConversionWindowCounts {
  /** N: the reviews the window holds at most. */
  readonly size: number;
  readonly crds: readonly (ConversionWindowCounts & { readonly crd: string })[];
  readonly pairs: readonly Readonly<ConversionPairCount>[];
}

/** A rolling window over the last `size` reviews. */
export interface ConversionWindow {
  readonly size: number;
  record(sample: ConversionReviewSample): void;
  summary(): ConversionWindowSummary;
}

/** Folds a review's object outcomes per CRD and version pair, in first-seen order. */
export function foldConversionPairs(outcomes: readonly ConvertedObjectOutcome[]): ConversionPairCount[] {
  const pairs: ConversionPairCount[] = [];
  for (const o of outcomes) {
    const crd = o.crd ?? 'unknown';
    const from = o.from ?? 'unknown';
    // A review has one or two pairs (objects of several stored versions): a scan beats a map here.
    let p = pairs.find((x) => x.crd === crd && x.from === from && x.to === o.to);
    if (p === undefined) pairs.push(p = { crd, from, to: o.to, converted: 0, failed: 0 });
    if (o.ok) p.converted++;
    else p.failed++;
  }
  return pairs;
}

/** A window of the last `size` reviews; `size` is a whole number ≥ 1 (the Katalog schema and env check it). */
export function createConversionWindow(size: number): ConversionWindow {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`conversion window size must be a whole number ≥ 1, got ${size}`);
  const ring: (ConversionReviewSample | undefined)[] = new Array<ConversionReviewSample | undefined>(size);
  let next = 0;
  let held = 0;
  return {
    size,
    record(sample) {
      ring[next] = sample;
      next = next + 1 === size ? 0 : next + 1;
      if (held < size) held++;
    },
    summary() {
      const samples: ConversionReviewSample[] = [];
      for (let i = 0; i < held; i++) samples.push(ring[(next - held + i + size) % size]!);
      const byCrd = new Map<string, ConversionReviewSample[]>();
      const pairs = new Map<string, ConversionPairCount>();
      for (const s of samples) {
        if (s.crd !== undefined) {
          const list = byCrd.get(s.crd);
          if (list) list.push(s);
          else byCrd.set(s.crd, [s]);
        }
        for (const p of s.pairs) {
          const key = `${p.crd}\u0000${p.from}\u0000${p.to}`;
          const sum = pairs.get(key);
          if (sum) {
            sum.converted += p.converted;
            sum.failed += p.failed;
          } else pairs.set(key, { ...p });
        }
      }
      return {
        size,
        ...counts(samples),
        crds: [...byCrd].sort(([a], [b]) => compare(a, b)).map(([crd, list]) => ({ crd, ...counts(list) })),
        pairs: [...pairs.values()].sort((a, b) => compare(a.crd, b.crd) || compare(a.from, b.from) || compare(a.to, b.to)),
      };
    },
  };
}

function counts(samples: readonly ConversionReviewSample[]): ConversionWindowCounts {
  let failedReviews = 0;
  let objects = 0;
  let failedObjects = 0;
  const ms: number[] = [];
  for (const s of samples) {
    if (s.failed) failedReviews++;
    for (const p of s.pairs) {
      objects += p.converted + p.failed;
      failedObjects += p.failed;
    }
    if (s.seconds !== undefined && Number.isFinite(s.seconds)) ms.push(Math.max(0, s.seconds) * 1000);
  }
  return { reviews: samples.length, failedReviews, objects, failedObjects, ...(ms.length > 0 ? { latencyMs: latency(ms) } : {}) };
}

function latency(ms: number[]): ConversionLatencyMs {
  ms.sort((a, b) => a - b);
  // Nearest rank: the smallest value with at least p of the values at or below it.
  const rank = (p: number) => ms[Math.max(0, Math.ceil(p * ms.length) - 1)]!;
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return { timed: ms.length, p50: round(rank(0.5)), p95: round(rank(0.95)), p99: round(rank(0.99)), max: round(ms[ms.length - 1]!), avg: round(ms.reduce((a, b) => a + b, 0) / ms.length) };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// Issue 18: the gateway's /convert (spec/gateway.md §7). lib converts (answerConversionReview);
// this file finds the compiled conversion of each object's CRD, counts per CRD and version pair
// (lifetime counters, metrics, and the rolling window of the last N reviews, §7.1), and logs each
// failed review once (the API server shows its message to the client).
import type { Katalog } from '@orkestra/lib';
import {
  answerConversionReview, answerConversionUndecided, answerConversionUnreadable, compileConversion, createConversionWindow, foldConversionPairs,
  type CompiledConversion, type ConversionAnswer, type ConversionPairCount, type ConversionWindow,
} from '@orkestra/lib/conversion';
import { usesConversionWebhook } from '@orkestra/lib/crd';
import type { Logger } from '@orkestra/lib/ports';
import type { ReviewBody, WebhookReply, WebhookRoute } from '@orkestra/adapters/webhook';

/** What /convert reports to (the gateway's metrics). */
export interface ConversionObserver {
  /** `count` objects of `crd` converted (ok) or not from `from` to `to`; called per pair and review, not per object. */
  objects(crd: string, from: string, to: string, ok: boolean, count: number): void;
  /** A review answered in `seconds` (reviews refused by the budget are not timed). */
  review(crd: string, seconds: number, objects: number): void;
}

/** Lifetime counters of /convert (the gateway's /katalog view and `gateway stopped`). */
export interface ConversionStats {
  reviews: number;
  objects: number;
  failures: number;
  /** Malformed reviews (HTTP 400) and reviews failed as a whole. */
  rejected: number;
  /** `crd from to` → objects converted and failed. */
  readonly byPair: Map<string, ConversionPairCount>;
}

/** How /convert is wired: its log, metrics, clock (seconds) and rolling window size. */
export interface ConversionRouteOptions {
  readonly log: Logger;
  readonly observer: ConversionObserver;
  /** Seconds from any origin (performance.now()/1000 in main): only differences are used. */
  readonly now: () => number;
  /** N of the rolling window (security.conversion.conversionWindow, else CONVERSION_WINDOW, else 100). */
  readonly windowSize: number;
}

/** The CRDs whose objects /convert converts: enabled, with conversion paths. */
export function conversionCrds(katalog: Katalog): CompiledConversion[] {
  return katalog.crds.filter((c) => c.enabled && usesConversionWebhook(c)).map(compileConversion);
}

/** The /convert route, its lifetime counters and its rolling window. */
export function conversionRoute(compiled: readonly CompiledConversion[], o: ConversionRouteOptions): {
  readonly route: WebhookRoute;
  readonly stats: ConversionStats;
  readonly window: ConversionWindow;
} {
  const byKind = new Map(compiled.map((c) => [`${c.group}\u0000${c.kind}`, c]));
  const stats: ConversionStats = { reviews: 0, objects: 0, failures: 0, rejected: 0, byPair: new Map() };
  const window = createConversionWindow(o.windowSize);
  const record = (a: ConversionAnswer, seconds: number | undefined): WebhookReply => {
    stats.reviews++;
    const failed = a.failure !== undefined;
    if (failed) {
      stats.rejected++;
      o.log.warn('conversion failed', { uid: a.uid, crd: a.crd, to: a.to, objects: a.objects.length, httpStatus: a.httpStatus, message: a.failure });
    }
    // Folded once per review: the counters below then cost per version pair, not per object.
    const pairs = foldConversionPairs(a.objects);
    for (const p of pairs) {
      stats.objects += p.converted + p.failed;
      stats.failures += p.failed;
      const key = `${p.crd} ${p.from} ${p.to}`;
      const life = stats.byPair.get(key);
      if (life) {
        life.converted += p.converted;
        life.failed += p.failed;
      } else stats.byPair.set(key, { ...p });
      if (p.converted > 0) o.observer.objects(p.crd, p.from, p.to, true, p.converted);
      if (p.failed > 0) o.observer.objects(p.crd, p.from, p.to, false, p.failed);
    }
    if (seconds !== undefined) o.observer.review(a.crd ?? 'unknown', seconds, a.objects.length);
    window.record({ ...(a.crd !== undefined ? { crd: a.crd } : {}), pairs, failed, ...(seconds !== undefined ? { seconds } : {}) });
    return { status: a.httpStatus, body: JSON.stringify(a.body) };
  };
  return {
    stats,
    window,
    route: {
      // Conversion needs every field of every object: a large body is parsed whole, never reduced.
      wholeBody: true,
      answer(body: ReviewBody) {
        const started = o.now();
        const a = body.type === 'unreadable' ? answerConversionUnreadable(body.message) : answerConversionReview(body.value, (group, kind) => byKind.get(`${group}\u0000${kind}`));
        return record(a, o.now() - started);
      },
      // Refused by the review budget (too large, busy, out of time): counted, not timed here.
      undecided: (uid, reason) => record(answerConversionUndecided(uid, reason), undefined),
    },
  };
}

// Issue 18: the gateway's /convert (spec/gateway.md §7). lib converts (answerConversionReview);
// this file finds the compiled conversion of each object's CRD, counts per CRD and version pair,
// and logs each failed review once (the API server shows its message to the client).
import type { Katalog } from '@orkestra/lib';
import {
  answerConversionReview, answerConversionUndecided, answerConversionUnreadable, compileConversion, type CompiledConversion, type ConversionAnswer,
} from '@orkestra/lib/conversion';
import { usesConversionWebhook } from '@orkestra/lib/crd';
import type { Logger } from '@orkestra/lib/ports';
import type { ReviewBody, WebhookReply, WebhookRoute } from '@orkestra/adapters/webhook';

/** What /convert reports to. */
export interface ConversionObserver {
  object(crd: string, from: string, to: string, ok: boolean): void;
  review(crd: string, seconds: number, objects: number): void;
}

/** Counters of /convert (the gateway's /katalog view and `gateway stopped`). */
export interface ConversionStats {
  reviews: number;
  objects: number;
  failures: number;
  /** Malformed reviews (HTTP 400) and reviews failed as a whole. */
  rejected: number;
  /** `crd from→to` → objects converted and failed. */
  readonly byPair: Map<string, { converted: number; failed: number }>;
}

/** The CRDs whose objects /convert converts: enabled, with conversion paths. */
export function conversionCrds(katalog: Katalog): CompiledConversion[] {
  return katalog.crds.filter((c) => c.enabled && usesConversionWebhook(c)).map(compileConversion);
}

/** The /convert route and its counters. `now` gives seconds (performance.now()/1000 in main). */
export function conversionRoute(compiled: readonly CompiledConversion[], log: Logger, observer: ConversionObserver, now: () => number): {
  readonly route: WebhookRoute;
  readonly stats: ConversionStats;
} {
  const byKind = new Map(compiled.map((c) => [`${c.group}\u0000${c.kind}`, c]));
  const stats: ConversionStats = { reviews: 0, objects: 0, failures: 0, rejected: 0, byPair: new Map() };
  const record = (a: ConversionAnswer, startedS: number): WebhookReply => {
    stats.reviews++;
    if (a.failure !== undefined) {
      stats.rejected++;
      log.warn('conversion failed', { uid: a.uid, crd: a.crd, to: a.to, objects: a.objects.length, httpStatus: a.httpStatus, message: a.failure });
    }
    for (const o of a.objects) {
      stats.objects++;
      if (!o.ok) stats.failures++;
      const crd = o.crd ?? 'unknown';
      const from = o.from ?? 'unknown';
      observer.object(crd, from, o.to, o.ok);
      const key = `${crd} ${from}→${o.to}`;
      const s = stats.byPair.get(key) ?? { converted: 0, failed: 0 };
      if (o.ok) s.converted++;
      else s.failed++;
      stats.byPair.set(key, s);
    }
    observer.review(a.crd ?? 'unknown', now() - startedS, a.objects.length);
    return { status: a.httpStatus, body: JSON.stringify(a.body) };
  };
  return {
    stats,
    route: {
      // Conversion needs every field of every object: a large body is parsed whole, never reduced.
      wholeBody: true,
      answer(body: ReviewBody) {
        const started = now();
        if (body.type === 'unreadable') return record(answerConversionUnreadable(body.message), started);
        return record(answerConversionReview(body.value, (group, kind) => byKind.get(`${group}\u0000${kind}`)), started);
      },
      undecided: (uid, reason) => record(answerConversionUndecided(uid, reason), now()),
    },
  };
}

// Rates from the snapshot's history: samples (oldest first) of cumulative counters taken at the
// refresh cadence. The server keeps counters, the page derives rates, so a missed sample only
// widens one interval instead of losing reconciles.

/** The recent window the headline rates are taken over. */
export const RECENT_WINDOW_MS = 60_000;

/** The window the sparkline's rates are smoothed over. */
export const SMOOTHING_WINDOW_MS = 30_000;

/**
 * Per-second rates between consecutive samples of a counter read by `pick`. A counter that went
 * down was reset (a runtime restart), so its new value is all increase, as Prometheus' rate() does.
 * Pairs where either value is missing, or time did not advance, are left out.
 */
export function counterRates(samples, pick) {
  const rates = [];
  for (let i = 1; i < samples.length; i++) {
    const step = stepOf(samples[i - 1], samples[i], pick);
    if (step) rates.push(step.increase / step.seconds);
  }
  return rates;
}

/**
 * Rates smoothed over a sliding `windowMs`: at each sample, the increase since the oldest sample
 * within the window, per second. Reconciles come in bursts (a resync re-enqueues everything at
 * once), so per-interval rates alone read as noise.
 */
export function windowedRates(all, pick, windowMs = SMOOTHING_WINDOW_MS) {
  const samples = all.filter((s) => typeof pick(s) === 'number');
  const rates = [];
  for (let i = 1; i < samples.length; i++) {
    const since = Date.parse(samples[i].at) - windowMs;
    let j = i - 1;
    while (j > 0 && Date.parse(samples[j - 1].at) >= since) j--;
    const seconds = (Date.parse(samples[i].at) - Date.parse(samples[j].at)) / 1000;
    if (seconds > 0) rates.push(counterIncrease(samples.slice(j, i + 1), pick) / seconds);
  }
  return rates;
}

/** How much a counter rose over all the samples (resets handled as in counterRates). */
export function counterIncrease(samples, pick) {
  let total = 0;
  for (let i = 1; i < samples.length; i++) total += stepOf(samples[i - 1], samples[i], pick)?.increase ?? 0;
  return total;
}

/** The per-second rate over the samples of the last `windowMs` that have a value (at least two), or undefined. */
export function recentRate(samples, pick, windowMs = RECENT_WINDOW_MS) {
  const last = samples[samples.length - 1];
  if (!last) return undefined;
  const since = Date.parse(last.at) - windowMs;
  const recent = samples.filter((s) => Date.parse(s.at) >= since && typeof pick(s) === 'number');
  if (recent.length < 2) return undefined;
  const seconds = (Date.parse(recent[recent.length - 1].at) - Date.parse(recent[0].at)) / 1000;
  return seconds > 0 ? counterIncrease(recent, pick) / seconds : undefined;
}

/** Gauge values read by `pick`, missing ones left out. */
export function gaugeValues(samples, pick) {
  return samples.map(pick).filter((v) => typeof v === 'number' && Number.isFinite(v));
}

/** Pickers for a runtime's totals, or one CRD's when `crd` is given. */
export function pickers(crd) {
  if (crd === undefined) {
    return { reconciles: (s) => s.totalReconciles, queue: (s) => s.queueDepth, errors: (s) => s.errors };
  }
  return {
    reconciles: (s) => s.crds?.[crd]?.totalReconciles,
    queue: (s) => s.crds?.[crd]?.queueDepth,
    errors: () => undefined,
  };
}

/** What a page shows for a history: rate and queue series for sparklines plus headline figures. */
export function summarizeHistory(history, crd) {
  const samples = Array.isArray(history) ? history : [];
  const pick = pickers(crd);
  const queue = gaugeValues(samples, pick.queue);
  return {
    reconcileRates: windowedRates(samples, pick.reconciles),
    queueDepths: queue,
    recentRate: recentRate(samples, pick.reconciles),
    errorsInWindow: counterIncrease(samples, pick.errors),
    windowSeconds: samples.length >= 2 ? (Date.parse(samples[samples.length - 1].at) - Date.parse(samples[0].at)) / 1000 : 0,
  };
}

function stepOf(before, after, pick) {
  const a = pick(before), b = pick(after);
  if (typeof a !== 'number' || typeof b !== 'number') return undefined;
  const seconds = (Date.parse(after.at) - Date.parse(before.at)) / 1000;
  if (!(seconds > 0)) return undefined;
  return { increase: b >= a ? b - a : b, seconds };
}

/** Per-item exponential backoff, as client-go's ItemExponentialFailureRateLimiter (5 ms → 1000 s). */
export interface BackoffPolicy {
  readonly baseMs: number;
  readonly maxMs: number;
}

/** client-go's DefaultControllerRateLimiter per-item defaults. */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 5, maxMs: 1_000_000 };

/** What `next` found: a key to work on now, a wait until the earliest delayed key, or nothing. */
export type NextItem =
  | { readonly type: 'ready'; readonly key: string; readonly queuedMs: number }
  | { readonly type: 'wait'; readonly afterMs: number }
  | { readonly type: 'idle' };

/** Gauges and counters behind the controller-runtime `workqueue_*` metrics. */
export interface WorkQueueStats {
  /** `workqueue_depth`: keys ready to be handed out. */
  readonly depth: number;
  /** Keys waiting for their backoff or `addAfter` time. */
  readonly waiting: number;
  readonly processing: number;
  /** `workqueue_adds_total`. */
  readonly addsTotal: number;
  /** `workqueue_retries_total`. */
  readonly retriesTotal: number;
  /** Adds refused because the queue held `maxDepth` keys. */
  readonly droppedTotal: number;
  /** `workqueue_unfinished_work_seconds` × 1000: summed age of keys in processing. */
  readonly unfinishedWorkMs: number;
  /** `workqueue_longest_running_processor_seconds` × 1000. */
  readonly longestRunningMs: number;
}

/** Options of a work queue; `maxDepth` absent means unbounded. */
export interface WorkQueueOptions {
  readonly maxDepth?: number;
  readonly backoff?: BackoffPolicy;
}

/**
 * client-go's rate-limited work queue as plain data: a key is queued at most once, a key re-added
 * while it is processed is queued again once `done` is called (so one worker ever holds a key),
 * and delayed keys are promoted lazily by `next(nowMs)`. Every time comes in as a parameter.
 */
export class WorkQueue {
  readonly #maxDepth: number;
  readonly #backoff: BackoffPolicy;
  readonly #queue: string[] = [];
  // Keys that need processing (queued, or re-added while processing), with when they were added.
  readonly #dirty = new Map<string, number>();
  readonly #processing = new Map<string, number>();
  readonly #waiting = new Map<string, number>();
  readonly #failures = new Map<string, number>();
  #adds = 0;
  #retries = 0;
  #dropped = 0;

  constructor(options: WorkQueueOptions = {}) {
    this.#maxDepth = options.maxDepth ?? Number.POSITIVE_INFINITY;
    this.#backoff = options.backoff ?? DEFAULT_BACKOFF;
  }

  /** Queues `key` now; returns false when it was dropped because the queue is full. */
  add(key: string, nowMs: number): boolean {
    if (this.#dirty.has(key)) return true;
    if (!this.#waiting.has(key) && !this.#processing.has(key) && this.#tracked() >= this.#maxDepth) {
      this.#dropped++;
      return false;
    }
    this.#waiting.delete(key);
    this.#adds++;
    this.#dirty.set(key, nowMs);
    if (!this.#processing.has(key)) this.#queue.push(key);
    return true;
  }

  /** Queues `key` once `readyAtMs` has passed (an earlier pending time wins); false when dropped. */
  addAfter(key: string, readyAtMs: number): boolean {
    if (this.#dirty.has(key) && !this.#processing.has(key)) return true;
    const pending = this.#waiting.get(key);
    if (pending !== undefined) {
      if (readyAtMs < pending) this.#waiting.set(key, readyAtMs);
      return true;
    }
    if (!this.#processing.has(key) && this.#tracked() >= this.#maxDepth) {
      this.#dropped++;
      return false;
    }
    this.#waiting.set(key, readyAtMs);
    return true;
  }

  /** Re-queues a failed key after its next backoff step; returns that delay in ms. */
  addRateLimited(key: string, nowMs: number): number {
    const delayMs = this.backoffFor(key);
    this.#failures.set(key, (this.#failures.get(key) ?? 0) + 1);
    this.#retries++;
    this.addAfter(key, nowMs + delayMs);
    return delayMs;
  }

  /** The delay the next `addRateLimited` of `key` would use: base × 2^failures, capped. */
  backoffFor(key: string): number {
    const failures = this.#failures.get(key) ?? 0;
    // 2^n overflows to Infinity long before it matters, and min() caps it.
    return Math.min(this.#backoff.maxMs, this.#backoff.baseMs * 2 ** failures);
  }

  /** Clears the failure count of `key` (after a success, or when it is given up). */
  forget(key: string): void {
    this.#failures.delete(key);
  }

  /** How many times `key` has been re-queued since it was last forgotten. */
  numRequeues(key: string): number {
    return this.#failures.get(key) ?? 0;
  }

  /** Hands out the next ready key (now processing) or says how long until one is ready. */
  next(nowMs: number): NextItem {
    this.#promote(nowMs);
    const key = this.#queue.shift();
    if (key !== undefined) {
      const addedMs = this.#dirty.get(key) ?? nowMs;
      this.#dirty.delete(key);
      this.#processing.set(key, nowMs);
      return { type: 'ready', key, queuedMs: Math.max(0, nowMs - addedMs) };
    }
    let earliest = Number.POSITIVE_INFINITY;
    for (const at of this.#waiting.values()) earliest = Math.min(earliest, at);
    return earliest === Number.POSITIVE_INFINITY ? { type: 'idle' } : { type: 'wait', afterMs: earliest - nowMs };
  }

  /** Ends processing of `key`, re-queueing it if it was added meanwhile; returns the work duration in ms. */
  done(key: string, nowMs: number): number {
    const startedMs = this.#processing.get(key);
    if (startedMs === undefined) return 0;
    this.#processing.delete(key);
    if (this.#dirty.has(key)) this.#queue.push(key);
    return Math.max(0, nowMs - startedMs);
  }

  /** Drops a key everywhere except processing (its object is gone), and its failure count. */
  remove(key: string): void {
    const at = this.#queue.indexOf(key);
    if (at >= 0) this.#queue.splice(at, 1);
    if (!this.#processing.has(key)) this.#dirty.delete(key);
    this.#waiting.delete(key);
    this.#failures.delete(key);
  }

  /** The counters and gauges for `/metrics` at `nowMs`. */
  stats(nowMs: number): WorkQueueStats {
    let unfinishedWorkMs = 0, longestRunningMs = 0;
    for (const started of this.#processing.values()) {
      const age = Math.max(0, nowMs - started);
      unfinishedWorkMs += age;
      longestRunningMs = Math.max(longestRunningMs, age);
    }
    return {
      depth: this.#queue.length,
      waiting: this.#waiting.size,
      processing: this.#processing.size,
      addsTotal: this.#adds,
      retriesTotal: this.#retries,
      droppedTotal: this.#dropped,
      unfinishedWorkMs,
      longestRunningMs,
    };
  }

  // Distinct keys held for later work. A key being processed is already held, so its re-add (a
  // newer event, or its own retry) is never refused: dropping it would lose that change until resync.
  #tracked(): number {
    return this.#queue.length + this.#waiting.size;
  }

  #promote(nowMs: number): void {
    const due = [...this.#waiting].filter(([, at]) => at <= nowMs).sort((a, b) => a[1] - b[1]);
    for (const [key, at] of due) {
      this.#waiting.delete(key);
      // Queue duration counts from when the key became due, not from when the delay was asked.
      this.#forceAdd(key, at);
    }
  }

  // A promoted key was already admitted under maxDepth when it started waiting.
  #forceAdd(key: string, atMs: number): void {
    if (this.#dirty.has(key)) return;
    this.#adds++;
    this.#dirty.set(key, atMs);
    if (!this.#processing.has(key)) this.#queue.push(key);
  }
}

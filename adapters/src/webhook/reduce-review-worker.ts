// The worker thread that parses large AdmissionReview bodies off the event loop. It runs from its
// own source text (`new Worker(code, { eval: true })`), so the gateway stays one bundle file: the
// function below must use nothing but its parameter and globals (no imports, no outer names).
//
// It hands back the review reduced to what the gateway decides on: the envelope (uid, kind,
// resource, subResource, name, namespace, operation, userInfo, dryRun) and, of `object` and
// `oldObject`, only apiVersion, kind and metadata name, namespace and labels. A 7 MiB ConfigMap
// comes back as a few hundred bytes, so the event loop never copies or walks its data.

/** A message to the worker. */
export interface ReduceJob {
  readonly id: number;
  readonly bytes: Uint8Array;
  readonly maxReducedBytes: number;
  /** Issue 15: false hands the review back whole (the rule webhooks read the objects' data). */
  readonly reduce?: boolean;
}

/** The worker's answer. */
export type ReduceResult =
  | { readonly id: number; readonly type: 'json'; readonly value: unknown }
  | { readonly id: number; readonly type: 'unreadable'; readonly message: string };

/** What a worker's `parentPort` offers this code. */
interface Port {
  on(event: 'message', listener: (job: ReduceJob) => void): void;
  postMessage(result: ReduceResult): void;
}

/** The worker's whole program; see the file comment for its constraints. */
export function reduceReviewWorker(port: Port): void {
  const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
  // Only named fields are copied (never an arbitrary key, so a `__proto__` key stays data).
  const pick = (from: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const key of keys) if (Object.hasOwn(from, key)) out[key] = from[key];
    return out;
  };
  const reduceObject = (o: unknown): unknown => {
    if (!isObject(o)) return o;
    const out = pick(o, ['apiVersion', 'kind']);
    if (Object.hasOwn(o, 'metadata')) out['metadata'] = isObject(o['metadata']) ? pick(o['metadata'], ['name', 'namespace', 'labels']) : o['metadata'];
    return out;
  };
  const reduce = (review: unknown): unknown => {
    if (!isObject(review) || !isObject(review['request'])) return review;
    const r = review['request'];
    const request = pick(r, ['uid', 'kind', 'resource', 'subResource', 'name', 'namespace', 'operation', 'userInfo', 'dryRun']);
    for (const key of ['object', 'oldObject']) if (Object.hasOwn(r, key)) request[key] = reduceObject(r[key]);
    // DeleteOptions and UpdateOptions decide nothing; an object stays one so the schema still holds.
    if (Object.hasOwn(r, 'options')) request['options'] = isObject(r['options']) ? {} : r['options'];
    return { ...pick(review, ['apiVersion', 'kind']), request };
  };
  port.on('message', (job) => {
    let value: unknown;
    try {
      value = JSON.parse(Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength).toString('utf8'));
    } catch {
      port.postMessage({ id: job.id, type: 'unreadable', message: 'body is not valid JSON' });
      return;
    }
    if (job.reduce === false) {
      port.postMessage({ id: job.id, type: 'json', value });
      return;
    }
    const reduced = reduce(value);
    // The API server's envelopes are a few KiB: a bigger one is crafted to cost the event loop.
    if (JSON.stringify(reduced).length > job.maxReducedBytes) {
      port.postMessage({ id: job.id, type: 'unreadable', message: `the review without its objects' data is larger than ${job.maxReducedBytes} bytes` });
      return;
    }
    port.postMessage({ id: job.id, type: 'json', value: reduced });
  });
}

/**
 * The worker's source text for `new Worker(..., { eval: true })`. It first lowers its own thread's
 * CPU priority to the least (nice 19; on Linux `setpriority` of pid 0 is the calling thread): when
 * parsing and the event loop want the same core, the event loop and its small reviews win.
 */
export const REDUCE_REVIEW_WORKER_SOURCE = `try { require('node:os').setPriority(0, 19); } catch {}
(${reduceReviewWorker.toString()})(require('node:worker_threads').parentPort);`;

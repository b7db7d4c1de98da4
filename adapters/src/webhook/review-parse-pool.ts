// Large review bodies are parsed on worker threads, a bounded number at once, first come first
// served: JSON.parse of 7 MiB takes tens of milliseconds (seconds for a body crafted as many
// tiny values), which on the event loop would hold every small review behind it.
import { Worker } from 'node:worker_threads';
import { REDUCE_REVIEW_WORKER_SOURCE, type ReduceResult } from './reduce-review-worker.ts';

/** A body as the webhook routes receive it: parsed (large ones reduced), or why it is not usable. */
export type ReviewBody = { readonly type: 'json'; readonly value: unknown } | { readonly type: 'unreadable'; readonly message: string };

/** Parses large bodies off the event loop. */
export interface ReviewParser {
  /**
   * Resolves with the parsed, reduced body; or with undefined when `signal` aborted before a
   * worker took the job (it then leaves the queue at once, and its bytes with it).
   */
  parse(body: Buffer, signal: AbortSignal, options?: { readonly whole?: boolean }): Promise<ReviewBody | undefined>;
  /** Jobs waiting for a worker. */
  queued(): number;
  /** Stops the workers; pending jobs resolve as unreadable. */
  close(): Promise<void>;
}

interface Job {
  readonly id: number;
  readonly body: Buffer;
  /** Hand the review back whole, not reduced (issue 15). */
  readonly whole: boolean;
  readonly resolve: (r: ReviewBody | undefined) => void;
}

interface Slot {
  worker: Worker | undefined;
  job: Job | undefined;
}

/** A pool of `workers` threads, started on first use (a gateway that never sees a large body starts none). */
export function createReviewParsePool(options: { readonly workers: number; readonly maxReducedBytes: number }): ReviewParser {
  const queue: Job[] = [];
  const slots: Slot[] = Array.from({ length: Math.max(1, options.workers) }, () => ({ worker: undefined, job: undefined }));
  let nextId = 1;
  let closed = false;

  const finish = (slot: Slot, result: ReviewBody): void => {
    const job = slot.job;
    slot.job = undefined;
    job?.resolve(result);
    pump();
  };

  const spawn = (slot: Slot): Worker => {
    const worker = new Worker(REDUCE_REVIEW_WORKER_SOURCE, { eval: true });
    // An idle worker must not keep the process alive after the servers close.
    worker.unref();
    worker.on('message', (r: ReduceResult) => {
      if (slot.job?.id === r.id) finish(slot, r.type === 'json' ? { type: 'json', value: r.value } : { type: 'unreadable', message: r.message });
    });
    const lost = (why: string): void => {
      if (slot.worker !== worker) return;
      slot.worker = undefined;
      // Out of memory on a crafted body, for instance: that body is answered, the next gets a new worker.
      finish(slot, { type: 'unreadable', message: `the body could not be parsed (${why})` });
    };
    worker.on('error', (err) => lost(err.message));
    worker.on('exit', (code) => lost(`parser exited with code ${code}`));
    return worker;
  };

  const pump = (): void => {
    for (const slot of slots) {
      if (slot.job !== undefined || closed) continue;
      const job = queue.shift();
      if (job === undefined) return;
      slot.job = job;
      slot.worker ??= spawn(slot);
      // A Buffer that owns its whole ArrayBuffer moves to the worker without a copy.
      const b = job.body;
      const owns = b.byteOffset === 0 && b.byteLength === b.buffer.byteLength && b.buffer instanceof ArrayBuffer;
      const bytes = owns ? new Uint8Array(b.buffer, 0, b.byteLength) : new Uint8Array(b);
      slot.worker.postMessage({ id: job.id, bytes, maxReducedBytes: options.maxReducedBytes, reduce: !job.whole }, [bytes.buffer as ArrayBuffer]);
    }
  };

  return {
    parse(body, signal, parseOptions) {
      if (closed) return Promise.resolve({ type: 'unreadable', message: 'the server is stopping' });
      if (signal.aborted) return Promise.resolve(undefined);
      return new Promise((resolve) => {
        const job: Job = { id: nextId++, body, whole: parseOptions?.whole === true, resolve };
        queue.push(job);
        signal.addEventListener('abort', () => {
          const i = queue.indexOf(job);
          if (i < 0) return;
          queue.splice(i, 1);
          resolve(undefined);
        }, { once: true });
        pump();
      });
    },
    queued: () => queue.length,
    async close() {
      closed = true;
      for (const job of queue.splice(0)) job.resolve({ type: 'unreadable', message: 'the server is stopping' });
      await Promise.all(slots.map(async (slot) => {
        const w = slot.worker;
        slot.worker = undefined;
        slot.job?.resolve({ type: 'unreadable', message: 'the server is stopping' });
        slot.job = undefined;
        if (w) await w.terminate();
      }));
    },
  };
}

// A started controller keeps checking that its CRD exists (issue 12, finding 7): deleting a CRD
// deletes its CRs and ends the watch, and the informer then retries its failing list with a
// growing backoff, so `/health` said "healthy" while nothing could work, and a re-created CRD was
// picked up only ~50 s later. The runtime may only `get` its CRDs by name (spec/rbac.md), so this
// is a poll, made at once when the CR informer sees a 404, and its "back" wakes the informers.
import type { Cluster, Resource } from '@orkestra/lib/ports';
import { Wake } from './wake.ts';

const CRD_RESOURCE: Resource = { group: 'apiextensions.k8s.io', version: 'v1', resource: 'customresourcedefinitions', namespaced: false };

/** What the monitor reports: the CRD went away (deleted or terminating), or came back. */
export type CrdPresence = 'gone' | 'back';

/** Polls one CRD by name every `everyMs` (and at once on `checkNow`), reporting changes only. */
export class CrdPresenceMonitor {
  readonly #wake = new Wake();
  readonly #cluster: Pick<Cluster, 'get'>;
  readonly #name: string;
  readonly #everyMs: number;
  readonly #onChange: (presence: CrdPresence) => void;
  #gone = false;

  constructor(cluster: Pick<Cluster, 'get'>, name: string, everyMs: number, onChange: (presence: CrdPresence) => void) {
    this.#cluster = cluster;
    this.#name = name;
    this.#everyMs = everyMs;
    this.#onChange = onChange;
  }

  /** True between a `gone` and the next `back`. */
  gone(): boolean {
    return this.#gone;
  }

  /** Looks now instead of at the next tick (the CR informer saw a 404). */
  checkNow(): void {
    this.#wake.wake();
  }

  /** Runs until `signal` aborts; errors other than 404 change nothing (the API server may be away). */
  async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      await this.#wake.sleep(this.#everyMs, signal);
      if (signal.aborted) return;
      const found = await this.#cluster.get({ resource: CRD_RESOURCE, name: this.#name });
      // A terminating CRD counts as gone: the API server refuses new CRs and is deleting the rest.
      const gone = found.ok ? found.value.metadata.deletionTimestamp !== undefined : found.error.type === 'not-found';
      if (!found.ok && !gone) continue;
      if (gone !== this.#gone) {
        this.#gone = gone;
        this.#onChange(gone ? 'gone' : 'back');
      }
    }
  }
}

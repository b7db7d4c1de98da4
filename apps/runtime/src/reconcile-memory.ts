import type { KubeObject } from '@orkestra/lib/ports';
import { newerObject, type Effect, type ReadyMemo } from '@orkestra/lib/runtime';

/** What this process remembers about one CR between reconciles (spec/runtime.md §2): nothing a restart needs. */
export interface CrMemory {
  /** Fingerprint this process last applied, by child key. */
  readonly lastApplied: Map<string, string>;
  /** The cached resourceVersion when a child was last re-applied to correct drift, by child key. */
  readonly driftApplied: Map<string, string>;
  /** The Ready condition this process last wrote. */
  lastReady?: ReadyMemo;
  /** The CR as the answer to our last write of it (status, finalizer) gave it, until the cache catches up (newerObject). */
  written?: KubeObject;
}

/** Per CR key, so a deleted CR's memory goes with it. */
export class ReconcileMemory {
  readonly #byKey = new Map<string, CrMemory>();

  of(key: string): CrMemory {
    let m = this.#byKey.get(key);
    if (!m) this.#byKey.set(key, (m = { lastApplied: new Map(), driftApplied: new Map() }));
    return m;
  }

  /** Drops the kept answer of our last CR write once the cache holds `cached`, that write or a later one. */
  caughtUp(key: string, cached: KubeObject): void {
    const m = this.#byKey.get(key);
    if (m?.written !== undefined && !newerObject(cached, m.written).keepWritten) delete m.written;
  }

  forget(key: string): void {
    this.#byKey.delete(key);
  }

  /** Records what an effect that succeeded, and the object its answer carried, mean for the next reconcile. */
  record(key: string, effect: Effect, answer?: unknown): void {
    const m = this.of(key);
    if (effect.type === 'apply') {
      m.lastApplied.set(effect.key, effect.fingerprint);
      if (effect.cause === 'drift' && effect.observedResourceVersion !== undefined) m.driftApplied.set(effect.key, effect.observedResourceVersion);
      else m.driftApplied.delete(effect.key);
    }
    if (effect.type === 'delete') {
      m.lastApplied.delete(effect.key);
      m.driftApplied.delete(effect.key);
    }
    if (effect.type === 'patchStatus' && effect.ready !== undefined) m.lastReady = effect.ready;
    const writesCr = effect.type === 'patchStatus' || effect.type === 'addFinalizer' || effect.type === 'removeFinalizer';
    if (writesCr && isObject(answer)) m.written = answer;
  }
}

function isObject(value: unknown): value is KubeObject {
  return typeof value === 'object' && value !== null && typeof (value as { metadata?: unknown }).metadata === 'object';
}

import type { Effect, ReadyMemo } from '@orkestra/lib/runtime';

/** What this process remembers about one CR between reconciles (spec/runtime.md §2): nothing a restart needs. */
export interface CrMemory {
  /** Fingerprint this process last applied, by child key. */
  readonly lastApplied: Map<string, string>;
  /** The cached resourceVersion when a child was last re-applied to correct drift, by child key. */
  readonly driftApplied: Map<string, string>;
  /** The Ready condition this process last wrote. */
  lastReady?: ReadyMemo;
}

/** Per CR key, so a deleted CR's memory goes with it. */
export class ReconcileMemory {
  readonly #byKey = new Map<string, CrMemory>();

  of(key: string): CrMemory {
    let m = this.#byKey.get(key);
    if (!m) this.#byKey.set(key, (m = { lastApplied: new Map(), driftApplied: new Map() }));
    return m;
  }

  forget(key: string): void {
    this.#byKey.delete(key);
  }

  /** Records what an effect that succeeded means for the next reconcile. */
  record(key: string, effect: Effect): void {
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
  }
}

// The running controllers of one Katalog, replaceable by another (issue 19, DESIGN §12): a swap
// stops the removed and changed CRDs' controllers, then starts the new and changed ones in the new
// Katalog's startup order. Controllers it does not name keep running, caches and queues intact.
import type { Katalog } from '@orkestra/lib';
import { planStartupOrder } from '@orkestra/lib/katalog';
import { planKatalogSwap, type KatalogSwap } from '@orkestra/lib/registry';
import type { Logger } from '@orkestra/lib/ports';
import type { CrdController } from './crd-controller.ts';
import type { ViewSource } from './runtime-view.ts';

interface Running {
  readonly controller: CrdController;
  readonly abort: AbortController;
  readonly done: Promise<void>;
}

/** Builds a controller for one CRD entry of `katalog` (main.ts wires cluster, clock, settings). */
export type MakeController = (katalog: Katalog, crdName: string, healthOf: (name: string) => ReturnType<CrdController['health']>['state'] | undefined) => CrdController;

/** A set of running controllers, one per enabled CRD of the current Katalog. */
export class ControllerSet {
  readonly #make: MakeController;
  readonly #log: Logger;
  readonly #running = new Map<string, Running>();
  #katalog: Katalog | undefined;
  #order: string[] = [];
  #generation = 0;

  constructor(make: MakeController, log: Logger) {
    this.#make = make;
    this.#log = log;
  }

  /** The Katalog the controllers run, undefined before the first one. */
  katalog(): Katalog | undefined {
    return this.#katalog;
  }

  /** Bumped on every swap, so views built from the set know to rebuild. */
  generation(): number {
    return this.#generation;
  }

  /** The running controllers, in startup order. */
  controllers(): CrdController[] {
    return this.#order.map((name) => this.#running.get(name)?.controller).filter((c): c is CrdController => c !== undefined);
  }

  /** Each controller with itself as its cache view (the HTTP API's and the metrics' input). */
  sources(): ViewSource[] {
    return this.controllers().map((controller) => ({ controller, cache: controller }));
  }

  /** Tells every running controller that leadership changed. */
  leadershipChanged(leading: boolean): void {
    for (const c of this.controllers()) c.leadershipChanged(leading);
  }

  /**
   * Replaces the running Katalog with `next` (the first call starts everything). `signal` is the
   * runtime's: aborting it stops every controller. Resolves once stopped controllers have stopped
   * and new ones were started; returns what changed.
   */
  async replace(next: Katalog, signal: AbortSignal): Promise<KatalogSwap> {
    const order = planStartupOrder(next.crds);
    if ('cycle' in order) throw new Error(`dependsOn cycle: ${order.cycle.join(' -> ')}`);
    const swap = this.#katalog ? planKatalogSwap(this.#katalog, next) : { start: order.order.map((s) => s.name), stop: [], restart: [], keep: [] };
    const leaving = [...swap.stop, ...swap.restart].map((name) => this.#running.get(name)).filter((r): r is Running => r !== undefined);
    for (const r of leaving) r.abort.abort();
    await Promise.all(leaving.map((r) => r.done));
    for (const name of [...swap.stop, ...swap.restart]) this.#running.delete(name);
    this.#katalog = next;
    this.#order = order.order.map((s) => s.name);
    this.#generation++;
    const entering = new Set([...swap.start, ...swap.restart]);
    for (const name of this.#order) {
      if (!entering.has(name) || signal.aborted) continue;
      const controller = this.#make(next, name, (other) => this.#running.get(other)?.controller.health().state);
      const abort = new AbortController();
      const stop = (): void => abort.abort();
      signal.addEventListener('abort', stop, { once: true });
      const done = controller.run(abort.signal).catch((err: unknown) => {
        this.#log.error('controller crashed', { controller: name, err: err instanceof Error ? err.message : String(err) });
      }).finally(() => signal.removeEventListener('abort', stop));
      this.#running.set(name, { controller, abort, done });
    }
    return swap;
  }

  /** Resolves when every controller has stopped (after the runtime's signal aborted). */
  async stopped(): Promise<void> {
    await Promise.all([...this.#running.values()].map((r) => r.done));
  }
}

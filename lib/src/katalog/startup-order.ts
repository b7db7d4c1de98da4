import type { CrdEntry, DependencyCondition } from './model.ts';

/** One CRD in startup order with what it waits for. */
export interface StartupStep {
  readonly name: string;
  /** 1-based wave: CRDs in the same wave may start together. */
  readonly wave: number;
  readonly waitsFor: readonly { readonly name: string; readonly condition: DependencyCondition }[];
}

/**
 * Orders enabled CRDs so each starts after what it depends on (Kahn's algorithm, ties by name).
 * Returns the cycle's members instead when there is one.
 */
export function planStartupOrder(crds: readonly CrdEntry[]): { order: StartupStep[] } | { cycle: string[] } {
  const enabled = crds.filter((c) => c.enabled);
  const names = new Set(enabled.map((c) => c.name));
  const deps = new Map(enabled.map((c) => [c.name, c.dependsOn.filter((d) => names.has(d.name))]));
  const wave = new Map<string, number>();
  const order: StartupStep[] = [];
  let remaining = [...names].sort();
  while (remaining.length) {
    const ready = remaining.filter((n) => deps.get(n)!.every((d) => wave.has(d.name)));
    if (ready.length === 0) return { cycle: findCycle(remaining, deps) };
    for (const n of ready) {
      const w = 1 + Math.max(0, ...deps.get(n)!.map((d) => wave.get(d.name)!));
      wave.set(n, w);
    }
    remaining = remaining.filter((n) => !wave.has(n));
  }
  for (const c of enabled) order.push({ name: c.name, wave: wave.get(c.name)!, waitsFor: deps.get(c.name)! });
  order.sort((a, b) => a.wave - b.wave || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { order };
}

function findCycle(candidates: readonly string[], deps: ReadonlyMap<string, readonly { name: string }[]>): string[] {
  // Walk dependencies from the first stuck node until a node repeats: that loop is a cycle.
  const pending = new Set(candidates);
  const seen: string[] = [];
  let node = candidates[0]!;
  while (!seen.includes(node)) {
    seen.push(node);
    node = deps.get(node)!.find((d) => pending.has(d.name))!.name;
  }
  return [...seen.slice(seen.indexOf(node)), node];
}

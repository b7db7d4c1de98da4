// What replacing a running Katalog with a new one does to the controllers (DESIGN §12): start the
// new CRDs, stop the removed ones, restart the changed ones, and leave every other one alone.
import type { CrdEntry, Katalog } from '../katalog/model.ts';
import { fingerprint } from '../runtime/fingerprint.ts';

/** Controller names (`spec.crds` keys) per action; each list sorted. */
export interface KatalogSwap {
  readonly start: readonly string[];
  readonly stop: readonly string[];
  readonly restart: readonly string[];
  readonly keep: readonly string[];
}

/**
 * Compares the enabled CRDs of two Katalogs. An entry counts as changed when anything the
 * controller reads differs (its document position does not: moving an entry in the file is no change).
 */
export function planKatalogSwap(current: Katalog, next: Katalog): KatalogSwap {
  const before = byName(current);
  const after = byName(next);
  const start: string[] = [];
  const stop: string[] = [];
  const restart: string[] = [];
  const keep: string[] = [];
  for (const [name, entry] of after) {
    const old = before.get(name);
    if (!old) start.push(name);
    else if (entryFingerprint(old) !== entryFingerprint(entry)) restart.push(name);
    else keep.push(name);
  }
  for (const name of before.keys()) if (!after.has(name)) stop.push(name);
  return { start: start.sort(), stop: stop.sort(), restart: restart.sort(), keep: keep.sort() };
}

/** True when the swap touches no controller. */
export function isQuietSwap(swap: KatalogSwap): boolean {
  return swap.start.length === 0 && swap.stop.length === 0 && swap.restart.length === 0;
}

function byName(katalog: Katalog): Map<string, CrdEntry> {
  return new Map(katalog.crds.filter((c) => c.enabled).map((c) => [c.name, c]));
}

function entryFingerprint(entry: CrdEntry): string {
  const { path: _path, ...rest } = entry;
  return fingerprint(rest);
}

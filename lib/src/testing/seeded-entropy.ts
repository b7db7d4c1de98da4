import type { Entropy } from '../ports/entropy.ts';

/** A deterministic Entropy (mulberry32): the same seed gives the same sequence in [0, 1). */
export function seededEntropy(seed: number): Entropy {
  let state = seed >>> 0;
  return {
    float() {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}

/** An Entropy that returns the given values in turn, then repeats the last (for exact jitter in tests). */
export function fixedEntropy(...values: readonly number[]): Entropy {
  let i = 0;
  return { float: () => values[Math.min(i++, values.length - 1)] ?? 0 };
}

import type { Entropy } from '@orkestra/lib/ports';

/** The process's random source: with systemClock, the only non-determinism the apps wire in. */
export const systemEntropy: Entropy = { float: () => Math.random() };

/** The wall clock: the only `Date.now()` in the repository lives here. */
export const systemClock = { now: (): number => Date.now() } as const;

/** The wall clock, as epoch milliseconds; adapters/src/system holds the real one. */
export interface Clock {
  now(): number;
}

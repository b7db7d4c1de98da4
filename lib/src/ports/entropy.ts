/** A source of randomness: `float()` returns a number in [0, 1), like `Math.random()`. */
export interface Entropy {
  float(): number;
}

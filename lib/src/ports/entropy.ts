/** A source of randomness: `float()` returns a number in [0, 1), as the platform random function does. */
export interface Entropy {
  float(): number;
}

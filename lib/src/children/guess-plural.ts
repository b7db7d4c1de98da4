/**
 * Guesses a resource plural from a kind the usual English way: lowercase, then `-s`, `-x`,
 * `-ch`, `-sh` take `es`, a consonant before `y` turns it into `ies`, everything else takes `s`.
 * Irregular kinds (Ingress works, but e.g. `Chassis`, `Leaf`) need an explicit `plural`.
 */
export function guessPlural(kind: string): string {
  const k = kind.toLowerCase();
  if (/(s|x|ch|sh)$/.test(k)) return `${k}es`;
  if (/[^aeiou]y$/.test(k)) return `${k.slice(0, -1)}ies`;
  return `${k}s`;
}

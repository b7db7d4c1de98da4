import type { PolicyRule } from '@orkestra/lib';

/**
 * Expands rules into atoms `group|resource|verb|name` (name `*` for any object), so two rule sets
 * can be compared exactly however they are split or merged.
 */
export function ruleAtoms(rules: readonly PolicyRule[]): Set<string> {
  const out = new Set<string>();
  for (const r of rules) {
    for (const g of r.apiGroups) for (const res of r.resources) for (const v of r.verbs) {
      const names = r.resourceNames?.length ? r.resourceNames : ['*'];
      for (const n of names) out.add(`${g}|${res}|${v}|${n}`);
    }
  }
  return out;
}

/** Atoms in `a` and not in `b`, sorted, for readable assertion failures. */
export function minus(a: ReadonlySet<string>, b: ReadonlySet<string>): string[] {
  return [...a].filter((x) => !b.has(x)).sort();
}

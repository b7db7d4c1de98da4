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

/** One permission: a verb on one group/resource[/subresource], for any object or one named object. */
export interface RuleAtom {
  readonly group: string;
  readonly resource: string;
  readonly verb: string;
  /** The object name when the rule carries `resourceNames`; absent for any object. */
  readonly name?: string;
}

/** Expands rules into atoms (one per group, resource, verb and name), in rule order, deduplicated. */
export function ruleAtomList(rules: readonly PolicyRule[]): RuleAtom[] {
  const seen = new Set<string>();
  const out: RuleAtom[] = [];
  for (const r of rules) {
    for (const g of r.apiGroups) for (const res of r.resources) for (const v of r.verbs) {
      for (const n of r.resourceNames?.length ? r.resourceNames : [undefined]) {
        const key = `${g}|${res}|${v}|${n ?? '*'}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({ group: g, resource: res, verb: v, ...(n !== undefined ? { name: n } : {}) });
      }
    }
  }
  return out;
}

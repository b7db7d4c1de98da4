import type { Grant, PlannedRule, PolicyRule } from './rbac-model.ts';
import { compareStrings, sortVerbs } from './verbs.ts';

type Atom = Omit<Grant, 'component' | 'role' | 'scope'>;

/**
 * Merges grants of one role into rules: one unrestricted rule per group+resource, plus
 * name-restricted rules for the verbs not already granted unrestricted, grouped by identical
 * name sets; critical grants (escalate, bind) are merged apart into rules of their own.
 * The set of (verb, name) pairs allowed is exactly the union of the grants'.
 * Rules come out sorted by group, resource, unrestricted first, then names.
 */
export function mergeGrants(grants: readonly Atom[]): PlannedRule[] {
  const byTarget = new Map<string, Atom[]>();
  for (const g of grants) {
    if (g.verbs.length === 0) continue;
    const key = `${g.apiGroup}\u0000${g.resource}`;
    const list = byTarget.get(key);
    if (list) list.push(g);
    else byTarget.set(key, [g]);
  }
  const rules: PlannedRule[] = [];
  for (const atoms of byTarget.values()) {
    // Critical verbs (escalate, bind) stay in rules of their own, so a reviewer sees exactly
    // what is flagged and ordinary verbs are never flagged with them.
    rules.push(...mergeTarget(atoms.filter((a) => a.critical !== true)), ...mergeTarget(atoms.filter((a) => a.critical === true)));
  }
  return rules.sort(compareRules);
}

/** Merges plain rules the same way (each rule split per group and resource first); reasons are dropped. */
export function mergeRules(rules: readonly PolicyRule[]): PolicyRule[] {
  const atoms: Atom[] = [];
  for (const r of rules) {
    for (const apiGroup of r.apiGroups) {
      for (const resource of r.resources) {
        atoms.push({ apiGroup, resource, verbs: r.verbs, ...(r.resourceNames ? { resourceNames: r.resourceNames } : {}), reason: '' });
      }
    }
  }
  return mergeGrants(atoms).map((p) => p.rule);
}

function mergeTarget(atoms: readonly Atom[]): PlannedRule[] {
  const first = atoms[0];
  if (!first) return [];
  const isNamed = (a: Atom): boolean => (a.resourceNames?.length ?? 0) > 0;
  const open = atoms.filter((a) => !isNamed(a));
  const openVerbs = new Set(open.flatMap((a) => a.verbs));
  // A named grant whose verb is also granted on every object adds nothing but its reason.
  const openContributors = [...open];
  const namesByVerb = new Map<string, Set<string>>();
  const atomsByVerb = new Map<string, Atom[]>();
  for (const a of atoms.filter(isNamed)) {
    for (const verb of a.verbs) {
      if (openVerbs.has(verb)) {
        if (!openContributors.includes(a)) openContributors.push(a);
        continue;
      }
      const names = namesByVerb.get(verb) ?? new Set<string>();
      for (const n of a.resourceNames!) names.add(n);
      namesByVerb.set(verb, names);
      atomsByVerb.set(verb, [...(atomsByVerb.get(verb) ?? []), a]);
    }
  }
  const out: PlannedRule[] = [];
  if (openVerbs.size > 0) out.push(planned(first, sortVerbs(openVerbs), undefined, order(atoms, openContributors)));
  // Verbs allowed on the same set of names share one rule.
  const byNames = new Map<string, { names: string[]; verbs: string[]; atoms: Atom[] }>();
  for (const verb of sortVerbs(namesByVerb.keys())) {
    const names = [...namesByVerb.get(verb)!].sort(compareStrings);
    const key = names.join('\u0000');
    const group = byNames.get(key) ?? { names, verbs: [], atoms: [] };
    group.verbs.push(verb);
    for (const a of atomsByVerb.get(verb)!) if (!group.atoms.includes(a)) group.atoms.push(a);
    byNames.set(key, group);
  }
  for (const g of byNames.values()) out.push(planned(first, g.verbs, g.names, order(atoms, g.atoms)));
  return out;
}

function order(all: readonly Atom[], some: readonly Atom[]): Atom[] {
  return [...some].sort((a, b) => all.indexOf(a) - all.indexOf(b));
}

function planned(target: Atom, verbs: string[], resourceNames: string[] | undefined, atoms: readonly Atom[]): PlannedRule {
  const reasons: string[] = [];
  for (const a of atoms) if (a.reason !== '' && !reasons.includes(a.reason)) reasons.push(a.reason);
  const crds = [...new Set(atoms.flatMap((a) => (a.crd === undefined ? [] : [a.crd])))].sort(compareStrings);
  return {
    rule: {
      apiGroups: [target.apiGroup],
      resources: [target.resource],
      verbs,
      ...(resourceNames ? { resourceNames } : {}),
    },
    reasons,
    crds,
    critical: atoms.some((a) => a.critical === true),
  };
}

function compareRules(a: PlannedRule, b: PlannedRule): number {
  return (
    compareStrings(a.rule.apiGroups.join(','), b.rule.apiGroups.join(',')) ||
    compareStrings(a.rule.resources.join(','), b.rule.resources.join(',')) ||
    Number(a.critical) - Number(b.critical) ||
    (a.rule.resourceNames ? 1 : 0) - (b.rule.resourceNames ? 1 : 0) ||
    compareStrings((a.rule.resourceNames ?? []).join(','), (b.rule.resourceNames ?? []).join(',')) ||
    compareStrings(a.rule.verbs.join(','), b.rule.verbs.join(','))
  );
}

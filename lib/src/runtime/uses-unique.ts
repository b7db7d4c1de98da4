import type { ConditionSet } from '../conditions/condition-model.ts';
import type { CrdEntry } from '../katalog/model.ts';

/** True when any condition of the CRD uses `unique`, so reconciles need the other custom resources. */
export function usesUnique(crd: Pick<CrdEntry, 'children' | 'status'> & { readonly admission?: CrdEntry['admission'] }): boolean {
  const sets: ConditionSet[] = [...crd.children.flatMap((item) => item.conditions), ...crd.status.fields.map((f) => f.conditions)];
  // Issue 15: a validation rule's own check and its `when`/`or` count too (the reconcile-time rule check).
  const rules = crd.admission?.validation ?? [];
  return sets.some((set) => [...set.all, ...set.any].some((c) => c.operator === 'unique'))
    || rules.some((rule) => rule.check.operator === 'unique' || [...rule.applies.all, ...rule.applies.any].some((c) => c.operator === 'unique'));
}

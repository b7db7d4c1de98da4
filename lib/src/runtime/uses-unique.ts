import type { ConditionSet } from '../conditions/condition-model.ts';
import type { CrdEntry } from '../katalog/model.ts';

/** True when any condition of the CRD uses `unique`, so reconciles need the other custom resources. */
export function usesUnique(crd: Pick<CrdEntry, 'children' | 'status'>): boolean {
  const sets: ConditionSet[] = [...crd.children.flatMap((item) => item.conditions), ...crd.status.fields.map((f) => f.conditions)];
  return sets.some((set) => [...set.all, ...set.any].some((c) => c.operator === 'unique'));
}

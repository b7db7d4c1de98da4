import type { Condition, ConditionSet } from './condition-model.ts';
import type { ConditionProblem } from './condition-problem.ts';
import type { ConditionInput } from './condition-schema.ts';
import { parseCondition } from './parse-condition.ts';

/** A condition problem positioned relative to the block holding `when`/`or` (`['when', 2, 'value']`). */
export type SetProblem = ConditionProblem;

/** Normalises a block's `when` (all) and `or` (any) lists; problems are relative to the block. */
export function parseConditionSet(when: readonly ConditionInput[] | undefined, or: readonly ConditionInput[] | undefined,
                                  roots?: readonly string[], base: readonly (string | number)[] = []): { set: ConditionSet; problems: SetProblem[] } {
  const problems: SetProblem[] = [];
  const read = (list: readonly ConditionInput[] | undefined, key: 'when' | 'or'): Condition[] => {
    const out: Condition[] = [];
    (list ?? []).forEach((input, i) => {
      const parsed = parseCondition(input, roots);
      problems.push(...parsed.problems.map((p) => ({ ...p, at: [key, i, ...p.at] })));
      if (parsed.condition) out.push({ ...parsed.condition, at: [...base, key, i] });
    });
    return out;
  };
  return { set: { all: read(when, 'when'), any: read(or, 'or') }, problems };
}

import type { Code } from '../diagnostics/codes.ts';

/** A problem in a condition: `at` is relative to the condition; `offset` points inside a scalar (a template, a pattern). */
export interface ConditionProblem {
  readonly code: Code;
  readonly at: readonly (string | number)[];
  readonly target: 'key' | 'value';
  readonly message: string;
  readonly hint?: string;
  readonly offset?: number;
}

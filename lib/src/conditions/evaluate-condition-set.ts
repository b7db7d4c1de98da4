import type { ConditionContext, ConditionScope, ConditionSet } from './condition-model.ts';
import { evaluateCondition } from './evaluate-condition.ts';

/**
 * Whether a `when`/`or` set holds: every `when` condition, and at least one `or` condition when
 * there are any. Both lists must pass when both are given (the reference's gates and validation
 * rules; its lifecycle docs disagree, see spec/katalog.md). Empty lists always hold.
 */
export function evaluateConditionSet(set: ConditionSet, scope: ConditionScope, context: ConditionContext = {}): boolean {
  if (!set.all.every((c) => evaluateCondition(c, scope, context))) return false;
  return set.any.length === 0 || set.any.some((c) => evaluateCondition(c, scope, context));
}

/** The scope conditions read for a custom resource: its metadata, spec and status, plus its children when known. */
export function conditionScope(cr: { readonly metadata?: unknown; readonly spec?: unknown; readonly status?: unknown }, children?: unknown): ConditionScope {
  return { metadata: cr.metadata, spec: cr.spec, status: cr.status, ...(children !== undefined ? { children } : {}) };
}

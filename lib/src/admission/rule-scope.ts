import type { ConditionScope } from '../conditions/condition-model.ts';

/** What admission rules look at: the object under review and, on UPDATE and DELETE, the stored one. */
export interface RuleSubject {
  readonly operation: 'CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT';
  /** The object as it would be stored; absent on DELETE. */
  readonly object?: unknown;
  /** The stored object (UPDATE, DELETE); absent on CREATE and at reconcile. */
  readonly oldObject?: unknown;
}

/**
 * The scope rules read: `metadata`, `spec` and `status` of the object under review (on DELETE,
 * of the object being deleted), and `oldObject` whole.
 */
export function ruleScope(object: unknown, oldObject: unknown): ConditionScope {
  const o = isRecord(object) ? object : {};
  return { metadata: o['metadata'], spec: o['spec'], status: o['status'], ...(oldObject !== undefined ? { oldObject } : {}) } as ConditionScope;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

import { childHealth, type HealthSubject } from './child-health.ts';

/** A condition the reconcile writes on the CR. */
export interface ConditionState {
  readonly type: string;
  readonly status: 'True' | 'False';
  /** CamelCase. */
  readonly reason: string;
  readonly message: string;
}

/** A desired child as readiness sees it: the cached object, or the one just applied when the cache has none yet. */
export interface ReadinessChild extends HealthSubject {
  readonly name: string;
}

/** How many not-ready children the Ready message names before "(+N more)". */
const NAMED = 3;

/**
 * The `Ready` condition of a CR whose children all applied: True when every desired child is
 * Current by the kstatus rules; else False with reason `ChildFailed` (some child Failed) or
 * `ChildrenNotReady`, and a message naming the first children and why (`Deployment web: Ready: 1/3`).
 */
export function decideReadiness(children: readonly ReadinessChild[]): ConditionState {
  const failed: string[] = [], waiting: string[] = [];
  for (const child of children) {
    const health = childHealth(child);
    if (health.status === 'Current') continue;
    (health.status === 'Failed' ? failed : waiting).push(`${child.kind} ${child.name}: ${health.message}`);
  }
  if (failed.length > 0) return { type: 'Ready', status: 'False', reason: 'ChildFailed', message: list([...failed, ...waiting]) };
  if (waiting.length > 0) return { type: 'Ready', status: 'False', reason: 'ChildrenNotReady', message: list(waiting) };
  const n = children.length;
  return { type: 'Ready', status: 'True', reason: 'ReconcileSucceeded', message: n === 0 ? 'no children' : `${n} ${n === 1 ? 'child' : 'children'} ready` };
}

function list(items: readonly string[]): string {
  const head = items.slice(0, NAMED).join('; ');
  return items.length > NAMED ? `${head} (+${items.length - NAMED} more)` : head;
}

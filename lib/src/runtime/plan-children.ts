import { buildChild } from '../children/build-child.ts';
import type { ChildKindKey } from '../children/kind-meta.ts';
import type { CrObject, KubeObject } from '../children/kube-object.ts';
import type { ChildItem, CrdEntry } from '../katalog/model.ts';
import { formatPath } from '../katalog/locate.ts';
import { renderDeep } from '../template/index.ts';
import type { Template } from '../template/index.ts';
import type { ConditionContext } from '../conditions/condition-model.ts';
import { conditionScope, evaluateConditionSet } from '../conditions/evaluate-condition-set.ts';

/** One desired child: the object to apply and whether it is corrected on every reconcile. */
export interface PlannedChild {
  readonly item: ChildItem;
  readonly object: KubeObject;
  /** True for onReconcile items and `reconcile: true` onCreate items; the rest are created once. */
  readonly reconcile: boolean;
}

/** A child that could not be planned for this CR, with the Katalog path of the bad field. */
export interface ChildProblem {
  readonly item: ChildItem;
  readonly path: string;
  readonly message: string;
}

/** The children a CR should have right now. */
export interface ChildrenPlan {
  readonly children: readonly PlannedChild[];
  /** Items whose `when` conditions do not hold for this CR. */
  readonly skipped: readonly ChildItem[];
  readonly problems: readonly ChildProblem[];
}

// Fields that steer planning rather than describe the object.
const CONTROL_FIELDS = new Set(['when', 'or', 'reconcile']);

/**
 * Renders a CR's desired children: evaluates `when`, renders templates against the CR, and builds
 * each object. Unnamed items are numbered per kind across onCreate and onReconcile, so two
 * unnamed deployments never collide. Pass `cache` to compile each template once across calls.
 */
export function planChildren(crd: CrdEntry, cr: CrObject, cache?: Map<string, Template>, context: ConditionContext = {}): ChildrenPlan {
  const children: PlannedChild[] = [];
  const skipped: ChildItem[] = [];
  const problems: ChildProblem[] = [];
  const counters = new Map<string, number>();
  for (const item of crd.children) {
    const index = counters.get(item.key) ?? 0;
    counters.set(item.key, index + 1);
    const scope = conditionScope(cr);
    if (!item.conditions.every((set) => evaluateConditionSet(set, scope, context))) {
      skipped.push(item);
      continue;
    }
    const fields = Object.fromEntries(Object.entries(item.spec).filter(([k]) => !CONTROL_FIELDS.has(k)));
    const rendered = renderDeep(fields, cr, cache ? { cache } : {});
    if (!rendered.ok) {
      problems.push({ item, path: joinPath(item.path, rendered.path), message: rendered.error });
      continue;
    }
    const built = buildChild(item.key as ChildKindKey, rendered.value, { cr, clusterScopedCr: crd.scope === 'Cluster', index });
    if (!built.ok) {
      problems.push({ item, path: joinPath(item.path, built.field ?? ''), message: built.error });
      continue;
    }
    children.push({ item, object: built.object, reconcile: item.reconcile });
  }
  return { children, skipped, problems };
}

function joinPath(base: readonly (string | number)[], rest: string): string {
  const head = formatPath(base);
  if (!rest) return head;
  return rest.startsWith('[') ? `${head}${rest}` : `${head}.${rest}`;
}

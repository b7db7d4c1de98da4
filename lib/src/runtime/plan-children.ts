import { buildChild } from '../children/build-child.ts';
import type { ChildKindKey } from '../children/kind-meta.ts';
import type { CrObject, KubeObject } from '../children/kube-object.ts';
import type { ChildItem, CrdEntry } from '../katalog/model.ts';
import { formatPath } from '../katalog/locate.ts';
import { renderDeep } from '../template/index.ts';
import type { Template } from '../template/index.ts';
import type { ConditionContext, ConditionScope } from '../conditions/condition-model.ts';
import { evaluateConditionSet } from '../conditions/evaluate-condition-set.ts';
import { expandForEach } from './expand-for-each.ts';

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
const CONTROL_FIELDS = new Set(['when', 'or', 'reconcile', 'forEach']);

/** What else a plan may read: `.children` (issue 14), which items, and a template cache. */
export interface PlanChildrenOptions {
  /** The `.children` view of this CR (runtime/children-view.ts); absent means no child exists yet. */
  readonly children?: Readonly<Record<string, unknown>>;
  /** The items to plan; default the CRD's onCreate and onReconcile items. */
  readonly items?: readonly ChildItem[];
  /** Compiled templates by source, shared across calls. */
  readonly cache?: Map<string, Template>;
  /** What `unique` conditions compare with (the CRD's other CRs). */
  readonly context?: ConditionContext;
}

/**
 * Renders a CR's desired children: expands `forEach`, evaluates `when`, renders templates
 * against the CR (with `.children`, and `.item`/`.value`/`.<as>` inside a forEach), and builds
 * each object. Unnamed items are numbered per kind across onCreate and onReconcile, so two
 * unnamed deployments never collide. Jobs are never corrected (their pod template is immutable).
 * Templates were checked when the Katalog was validated, so they render with any root here.
 */
export function planChildren(crd: CrdEntry, cr: CrObject, options: PlanChildrenOptions | Map<string, Template> = {}, context?: ConditionContext): ChildrenPlan {
  const base: PlanChildrenOptions = options instanceof Map ? { cache: options } : options;
  const opts: PlanChildrenOptions = context ? { ...base, context } : base;
  const children: PlannedChild[] = [];
  const skipped: ChildItem[] = [];
  const problems: ChildProblem[] = [];
  const counters = new Map<string, number>();
  const scope = { ...cr, children: opts.children ?? {} };
  const render = { roots: 'any' as const, ...(opts.cache ? { cache: opts.cache } : {}) };
  for (const item of opts.items ?? crd.children) {
    const index = counters.get(item.key) ?? 0;
    counters.set(item.key, index + 1);
    const elements = item.forEach ? expandForEach(item.forEach, scope) : { type: 'elements' as const, scopes: [undefined] };
    if (elements.type === 'problem') {
      problems.push({ item, path: formatPath([...item.path, 'forEach', 'field']), message: elements.message });
      continue;
    }
    for (const extra of elements.scopes) {
      const data = extra ? { ...scope, ...extra } : scope;
      if (!item.conditions.every((set) => evaluateConditionSet(set, data as ConditionScope, opts.context))) {
        skipped.push(item);
        continue;
      }
      const fields = Object.fromEntries(Object.entries(item.spec).filter(([k]) => !CONTROL_FIELDS.has(k)));
      const rendered = renderDeep(fields, data, render);
      if (!rendered.ok) {
        problems.push({ item, path: joinPath(item.path, rendered.path), message: rendered.error });
        continue;
      }
      const built = buildChild(item.key as ChildKindKey, rendered.value, { cr, clusterScopedCr: crd.scope === 'Cluster', index });
      if (!built.ok) {
        problems.push({ item, path: joinPath(item.path, built.field ?? ''), message: built.error });
        continue;
      }
      children.push({ item, object: built.object, reconcile: item.reconcile && item.key !== 'jobs' });
    }
  }
  return { children, skipped, problems };
}

function joinPath(base: readonly (string | number)[], rest: string): string {
  const head = formatPath(base);
  if (!rest) return head;
  return rest.startsWith('[') ? `${head}${rest}` : `${head}.${rest}`;
}

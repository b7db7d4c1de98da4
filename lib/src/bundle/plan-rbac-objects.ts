import type { KubeObject } from '../children/kube-object.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { Place } from '../diagnostics/make-diagnostic.ts';
import { sortDiagnostics } from '../diagnostics/diagnostic.ts';
import { formatPath, type DocPath } from '../katalog/locate.ts';
import type { Katalog } from '../katalog/model.ts';
import { lintRules } from '../rbac/lint-rules.ts';
import { planRbac, plannedComponents, type RbacPlan } from '../rbac/plan-rbac.ts';
import type { Component } from '../rbac/rbac-model.ts';
import { bundleLabels, partOf } from './bundle-labels.ts';
import { planRoleObjects } from './plan-role-objects.ts';
import { resolveComponents } from './resolve-components.ts';

/** Options shared by the bundle planners. */
export interface PlanBundleOptions {
  /** Install namespace; default `orkestra-system`. */
  readonly namespace?: string;
  /** Components to include (`--for`); default every component the Katalog calls for. */
  readonly components?: readonly Component[];
  /** Positions diagnostics in the Katalog file. */
  readonly locate?: (path: DocPath) => Place;
}

/** Planned objects in apply order, with the diagnostics found while planning them. */
export interface PlannedObjects {
  readonly objects: KubeObject[];
  readonly diagnostics: readonly Diagnostic[];
}

/** The RBAC part of a bundle (`ork generate rbac`): ServiceAccounts, roles and bindings. */
export function planRbacObjects(katalog: Katalog, options: PlanBundleOptions = {}): PlannedObjects {
  const prepared = prepareBundle(katalog, options);
  return { objects: rbacObjects(prepared.plan, prepared.components), diagnostics: prepared.diagnostics };
}

/** The RBAC plan and the resolved components a bundle is built from. */
export interface PreparedBundle {
  readonly plan: RbacPlan;
  readonly components: readonly Component[];
  readonly diagnostics: readonly Diagnostic[];
}

/** Plans RBAC and resolves `--for` once, for the bundle planners. */
export function prepareBundle(katalog: Katalog, options: PlanBundleOptions): PreparedBundle {
  const locate = options.locate ?? ((path: DocPath): Place => ({ file: katalog.file, line: 1, column: 1, path: formatPath(path) }));
  const plan = planRbac(katalog, { ...(options.namespace !== undefined ? { namespace: options.namespace } : {}), locate });
  const resolved = resolveComponents(plan, options.components, () => locate([]));
  return { plan, components: resolved.components, diagnostics: sortDiagnostics([...plan.diagnostics, ...resolved.diagnostics]) };
}

/**
 * The Kubernetes objects of an RBAC plan, for `components` (default: every component the Katalog
 * calls for): ServiceAccounts, then each component's ClusterRole and ClusterRoleBinding, then the
 * namespaced Roles and RoleBindings. A tool that already ran planRbac gets the objects without
 * planning again. Throws if a rule fails lintRules: that is a planner bug, and a bundle with it
 * must never be written.
 */
export function rbacObjects(plan: RbacPlan, components: readonly Component[] = plannedComponents(plan)): KubeObject[] {
  const serviceAccounts: KubeObject[] = [];
  const clusterObjects: KubeObject[] = [];
  const namespacedObjects: KubeObject[] = [];
  for (const c of components) {
    const rbac = plan.components[c];
    serviceAccounts.push({
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: rbac.serviceAccount, namespace: plan.namespace, labels: bundleLabels(partOf(c)) },
    });
    for (const role of rbac.roles) {
      const problems = lintRules(role.rules);
      if (problems.length > 0) {
        throw new Error(`RBAC planner bug: role ${role.name}: ${problems.map((p) => `rule ${p.index}: ${p.message}`).join('; ')}`);
      }
      (role.scope.type === 'cluster' ? clusterObjects : namespacedObjects).push(...planRoleObjects(role, rbac.serviceAccount, plan.namespace));
    }
  }
  return [...serviceAccounts, ...clusterObjects, ...namespacedObjects];
}

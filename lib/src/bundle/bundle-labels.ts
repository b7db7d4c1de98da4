import type { Component } from '../rbac/rbac-model.ts';

/** The `app.kubernetes.io/component` value of a bundle object. */
export type BundlePart = 'runtime' | 'gateway' | 'control-center' | 'katalog' | 'namespace';

/** The label value of a component's objects (`cc` is spelled out, as the chart does). */
export function partOf(component: Component): BundlePart {
  return component === 'cc' ? 'control-center' : component;
}

/**
 * Labels on every bundle object. managed-by is `ork`, not `Helm`: the bundle is applied by
 * kubectl or GitOps, and Helm must not adopt or delete these objects on `helm uninstall`.
 */
export function bundleLabels(part: BundlePart): Record<string, string> {
  return {
    'app.kubernetes.io/component': part,
    'app.kubernetes.io/managed-by': 'ork',
    'app.kubernetes.io/name': 'orkestra',
    'app.kubernetes.io/part-of': 'orkestra',
  };
}

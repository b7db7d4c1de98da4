import type { KubeObject } from '../children/kube-object.ts';
import type { Katalog } from '../katalog/model.ts';
import { bundleLabels } from './bundle-labels.ts';
import { planKatalogConfigMap } from './plan-katalog-config-map.ts';
import { prepareBundle, rbacObjects, type PlanBundleOptions, type PlannedObjects } from './plan-rbac-objects.ts';

/**
 * Plans `ork generate bundle`: Namespace, ServiceAccounts, ClusterRoles and bindings,
 * namespaced Roles and bindings, and the Katalog ConfigMap, in apply order. Deterministic:
 * equal input gives deep-equal output with the same key order; no timestamps.
 */
export function planBundle(katalog: Katalog, options: PlanBundleOptions = {}): PlannedObjects {
  const { plan, components, diagnostics } = prepareBundle(katalog, options);
  const namespace: KubeObject = {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: plan.namespace, labels: bundleLabels('namespace') },
  };
  // Runtime and gateway both read the Katalog; the Control Center reads runtimes, not it.
  const needsKatalog = components.includes('runtime') || components.includes('gateway');
  return {
    objects: [
      namespace,
      ...rbacObjects(plan, components),
      ...(needsKatalog ? [planKatalogConfigMap(katalog, { namespace: plan.namespace })] : []),
    ],
    diagnostics,
  };
}

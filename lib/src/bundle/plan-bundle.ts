import type { KubeObject } from '../children/kube-object.ts';
import type { Katalog } from '../katalog/model.ts';
import { bundleLabels } from './bundle-labels.ts';
import { planKatalogConfigMap } from './plan-katalog-config-map.ts';
import { prepareBundle, rbacObjects, type PlanBundleOptions, type PlannedObjects } from './plan-rbac-objects.ts';
import { planPolicyMode, policyObjects } from '../policy/plan-admission-policies.ts';

/**
 * Plans `ork generate bundle`: Namespace, ServiceAccounts, ClusterRoles and bindings,
 * namespaced Roles and bindings, the Katalog ConfigMap and, in policy mode, the
 * ValidatingAdmissionPolicies and their bindings, in apply order. Deterministic:
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
  // Issue 15, policy mode: protection travels with the gateway's part of the bundle, enforced by
  // the API server itself whether a gateway runs or not (spec/gateway.md §8).
  const policies = components.includes('gateway') ? policyObjects(planPolicyMode(katalog, plan.namespace)) : [];
  return {
    objects: [
      namespace,
      ...rbacObjects(plan, components),
      ...(needsKatalog ? [planKatalogConfigMap(katalog, { namespace: plan.namespace })] : []),
      ...policies,
    ],
    diagnostics,
  };
}

// @orkestra/lib/bundle: the objects `ork generate bundle` and `ork generate rbac` write, in apply order.
export { planBundle } from './plan-bundle.ts';
export { planRbacObjects, rbacObjects } from './plan-rbac-objects.ts';
export type { PlanBundleOptions, PlannedObjects } from './plan-rbac-objects.ts';
export { planKatalogConfigMap } from './plan-katalog-config-map.ts';

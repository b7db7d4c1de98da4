// @orkestra/lib/children: child builders: a rendered `onCreate` / `onReconcile` item and its CR in, a complete
// Kubernetes object out. Pure; the runtime adds owner references and applies.
export { buildChild, fieldNames } from './build-child.ts';
export type { BuildResult } from './build-child.ts';
export { CHILD_KINDS } from './kinds.ts';
export type { BuiltinKindInfo, ChildBuilder, ChildKindInfo, CustomKindInfo } from './kinds.ts';
export { BUILTIN_KIND_META, CHILD_KIND_KEYS } from './kind-meta.ts';
export type { BuiltinKindKey, BuiltinKindMeta, ChildKindKey } from './kind-meta.ts';
export { operatorBoxListSchema } from './operator-box-schema.ts';
export type { OperatorBoxList } from './operator-box-schema.ts';
export { crNamespace, defaultChildName } from './default-name.ts';
export { MANAGED_BY_LABEL, OWNER_LABEL, WORKLOAD_LABEL, podSelectorFor } from './labels.ts';
export { canOwn, ownerReferenceFor } from './owner-reference.ts';
export type { OwnerReference } from './owner-reference.ts';
export { customTarget, isApiVersion } from './custom-target.ts';
export type { CustomTarget, CustomTargetInput } from './custom-target.ts';
export { guessPlural } from './guess-plural.ts';
export type { BuildContext, CrObject, KubeObject, RenderedItem } from './kube-object.ts';

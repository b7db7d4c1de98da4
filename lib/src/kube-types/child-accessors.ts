/**
 * The names under `.children` for each kind-list key (reference §1.13, layer 3): the singular
 * reads one child of that kind, the plural a map of them by object name. Keys are lowercase,
 * as the reference writes them (`.children.deployment`, `.children.pvcs["data"]`).
 */
export const CHILD_ACCESSORS: { readonly [kindKey: string]: { readonly one: readonly string[]; readonly many: readonly string[] } } = {
  deployments: { one: ['deployment'], many: ['deployments'] },
  statefulSets: { one: ['statefulset'], many: ['statefulsets'] },
  replicaSets: { one: ['replicaset'], many: ['replicasets'] },
  pods: { one: ['pod'], many: ['pods'] },
  services: { one: ['service'], many: ['services'] },
  configMaps: { one: ['configmap'], many: ['configmaps'] },
  secrets: { one: ['secret'], many: ['secrets'] },
  serviceAccounts: { one: ['serviceaccount'], many: ['serviceaccounts'] },
  jobs: { one: ['job'], many: ['jobs'] },
  cronJobs: { one: ['cronjob'], many: ['cronjobs'] },
  ingresses: { one: ['ingress'], many: ['ingresses'] },
  persistentVolumeClaims: { one: ['pvc', 'persistentvolumeclaim'], many: ['pvcs', 'persistentvolumeclaims'] },
  persistentVolumes: { one: ['pv', 'persistentvolume'], many: ['pvs', 'persistentvolumes'] },
  hpa: { one: ['hpa'], many: ['hpas'] },
  pdb: { one: ['pdb'], many: ['pdbs'] },
  networkPolicies: { one: ['networkpolicy'], many: ['networkpolicies'] },
  limitRanges: { one: ['limitrange'], many: ['limitranges'] },
  resourceQuotas: { one: ['resourcequota'], many: ['resourcequotas'] },
  roles: { one: ['role'], many: ['roles'] },
  roleBindings: { one: ['rolebinding'], many: ['rolebindings'] },
  namespaces: { one: ['namespace'], many: ['namespaces'] },
  clusterRoles: { one: ['clusterrole'], many: ['clusterroles'] },
  clusterRoleBindings: { one: ['clusterrolebinding'], many: ['clusterrolebindings'] },
  custom: { one: ['custom'], many: ['customs'] },
};

/** How a `.children` name reads: which kind-list key, and one child or a map of them by name. */
export interface ChildAccessor {
  readonly kindKey: string;
  readonly form: 'one' | 'many';
}

const BY_NAME: ReadonlyMap<string, ChildAccessor> = new Map<string, ChildAccessor>(Object.entries(CHILD_ACCESSORS).flatMap(([kindKey, a]) => [
  ...a.one.map((n) => [n, { kindKey, form: 'one' }] as const),
  ...a.many.map((n) => [n, { kindKey, form: 'many' }] as const),
]));

/** Resolves a name under `.children` (`deployment`, `jobs`); undefined for a name that is not one. */
export function childAccessor(name: string): ChildAccessor | undefined {
  return BY_NAME.get(name);
}

/** Every name `.children` can take, for "did you mean" hints. */
export function childAccessorNames(): string[] {
  return [...BY_NAME.keys()];
}

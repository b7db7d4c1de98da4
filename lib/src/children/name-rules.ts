// Which names the API server accepts for each child kind (k8s.io/apimachinery validation), in one
// table: the builders check rendered names with it at reconcile time, and `validate` checks
// literal names with it (issue 12, finding 18: a 70-character Service name used to pass validate
// and fail only at apply).
import { BUILTIN_KIND_META, type ChildKindKey } from './kind-meta.ts';
import { isDns1035Label, isDnsLabel, isDnsSubdomain, isPathSegmentName } from './kube-syntax.ts';

/** The API server's rule for a kind's object names. */
export type NameRule = 'dns-subdomain' | 'dns-label' | 'dns-1035-label' | 'path-segment';

/** A kind's name rule, and a stricter length limit where the kind has one. */
export interface KindNameRule {
  readonly rule: NameRule;
  /** CronJob names: 52, to leave room for the Jobs' suffixes. */
  readonly maxLength?: number;
}

const RULES: Record<NameRule, { readonly test: (s: string) => boolean; readonly maxLength?: number; readonly says: string }> = {
  'dns-subdomain': { test: isDnsSubdomain, maxLength: 253, says: 'a DNS-1123 subdomain (lowercase alphanumerics, "-" and ".", at most 253 characters)' },
  'dns-label': { test: isDnsLabel, maxLength: 63, says: 'a DNS-1123 label (lowercase alphanumerics and "-", at most 63 characters)' },
  'dns-1035-label': { test: isDns1035Label, maxLength: 63, says: 'a DNS-1035 label (lowercase alphanumerics and "-", starting with a letter, at most 63 characters)' },
  'path-segment': { test: isPathSegmentName, says: 'a name without "/" or "%"' },
};

/** The name rule of every child kind. */
export const CHILD_NAME_RULES: { readonly [K in ChildKindKey]: KindNameRule } = {
  deployments: { rule: 'dns-subdomain' },
  statefulSets: { rule: 'dns-subdomain' },
  services: { rule: 'dns-1035-label' },
  configMaps: { rule: 'dns-subdomain' },
  secrets: { rule: 'dns-subdomain' },
  serviceAccounts: { rule: 'dns-subdomain' },
  jobs: { rule: 'dns-subdomain' },
  cronJobs: { rule: 'dns-subdomain', maxLength: 52 },
  ingresses: { rule: 'dns-subdomain' },
  persistentVolumeClaims: { rule: 'dns-subdomain' },
  hpa: { rule: 'dns-subdomain' },
  pdb: { rule: 'dns-subdomain' },
  networkPolicies: { rule: 'dns-subdomain' },
  roles: { rule: 'path-segment' },
  roleBindings: { rule: 'path-segment' },
  namespaces: { rule: 'dns-label' },
  clusterRoles: { rule: 'path-segment' },
  clusterRoleBindings: { rule: 'path-segment' },
  pods: { rule: 'dns-subdomain' },
  replicaSets: { rule: 'dns-subdomain' },
  persistentVolumes: { rule: 'dns-subdomain' },
  limitRanges: { rule: 'dns-subdomain' },
  resourceQuotas: { rule: 'dns-subdomain' },
  custom: { rule: 'path-segment' },
};

/** Why `name` cannot name an object of kind `key`, or undefined when it can; the length comes first, said plainly. */
export function nameProblem(key: ChildKindKey, name: string): string | undefined {
  const { rule, maxLength } = CHILD_NAME_RULES[key];
  const r = RULES[rule];
  const limit = Math.min(maxLength ?? Infinity, r.maxLength ?? Infinity);
  if (name.length > limit) return `${JSON.stringify(cut(name))} is ${name.length} characters, more than the ${limit} a ${key === 'custom' ? 'custom object' : BUILTIN_KIND_META[key].kind} name may have`;
  return r.test(name) ? undefined : `${JSON.stringify(cut(name))} must be ${r.says}`;
}

// A 300-character name is shown by its start and its length, not whole.
function cut(name: string): string {
  return name.length <= 80 ? name : `${name.slice(0, 60)}…`;
}

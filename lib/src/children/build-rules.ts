import * as v from 'valibot';
import type { Fields } from './fields.ts';
import { optional } from './optional.ts';
import { orTemplate, stringListField } from './schema-fields.ts';

/** One PolicyRule; `apiGroups` defaults to the core group `[""]`. */
const ruleField = v.strictObject({
  apiGroups: v.optional(stringListField),
  resources: v.optional(stringListField),
  resourceNames: v.optional(stringListField),
  verbs: stringListField,
  nonResourceURLs: v.optional(stringListField),
});

/** `rules`: at least one PolicyRule. */
export const rulesField = orTemplate(v.pipe(v.array(ruleField), v.minLength(1, 'rules must list at least one rule')));

/** Reads `rules` into PolicyRules; `nonResourceURLs` only where the role is cluster-wide. */
export function buildRules(f: Fields, clusterWide: boolean): Record<string, unknown>[] {
  const rules = f.optObjectList('rules') ?? f.fail('rules', 'must list at least one rule');
  return rules.map((r) => {
    const verbs = r.optStringList('verbs') ?? r.fail('verbs', 'must list at least one verb');
    const urls = r.optStringList('nonResourceURLs');
    const resources = r.optStringList('resources');
    if (urls && !clusterWide) r.fail('nonResourceURLs', 'are allowed only in ClusterRoles');
    if (urls && resources) r.fail('nonResourceURLs', 'cannot be combined with resources in one rule');
    if (urls) return { verbs, nonResourceURLs: urls };
    if (!resources) r.fail('resources', clusterWide ? 'are required (or nonResourceURLs)' : 'are required');
    return {
      apiGroups: r.optStringList('apiGroups') ?? [''],
      resources,
      ...optional('resourceNames', r.optStringList('resourceNames')),
      verbs,
    };
  });
}

import * as v from 'valibot';
import { commonItemEntries } from '../field-schemas/field-schemas.ts';
import { buildLabelSelector } from './build-label-selector.ts';
import { Fields } from './fields.ts';
import type { BuildContext, KubeObject, RenderedItem } from './kube-object.ts';
import { podSelectorFor } from './labels.ts';
import { childMetadata } from './metadata.ts';
import { optional } from './optional.ts';
import { enumField, labelSelectorField, rawListField } from './schema-fields.ts';
import { typeMeta } from './type-meta.ts';

const POLICY_TYPES = ['Ingress', 'Egress'] as const;

/** A `networkPolicies` item; `ingress` and `egress` are raw Kubernetes rule lists. */
export const networkPolicyItemSchema = v.strictObject({
  ...commonItemEntries,
  podSelector: v.optional(labelSelectorField),
  policyTypes: v.optional(v.array(enumField(POLICY_TYPES))),
  ingress: v.optional(rawListField),
  egress: v.optional(rawListField),
});

/**
 * Builds a networking.k8s.io/v1 NetworkPolicy. `podSelector` defaults to the CR's workload pods
 * (`{}` selects every pod in the namespace). Without `policyTypes`, Ingress is always
 * restricted and Egress when `egress` is given, so `egress: []` denies all egress.
 */
export function buildNetworkPolicy(item: RenderedItem, ctx: BuildContext): KubeObject {
  const f = new Fields(item);
  const metadata = childMetadata(f, ctx, { key: 'networkPolicies', namespaced: true });
  const ingress = f.optRawList('ingress');
  const egress = f.optRawList('egress');
  return {
    ...typeMeta('networkPolicies'),
    metadata,
    spec: {
      podSelector: buildLabelSelector(f, 'podSelector') ?? { matchLabels: podSelectorFor(ctx) },
      policyTypes: policyTypes(f),
      ...optional('ingress', ingress),
      ...optional('egress', egress),
    },
  };
}

function policyTypes(f: Fields): string[] {
  const explicit = f.optStringList('policyTypes')?.map((t, i) =>
    POLICY_TYPES.find((p) => p.toLowerCase() === t.toLowerCase())
      ?? f.fail(`policyTypes[${i}]`, `must be Ingress or Egress, got ${JSON.stringify(t)}`));
  if (explicit) return [...new Set(explicit)];
  // `raw` and not `has`: an empty list is a deliberate deny-all and still counts.
  const egressGiven = Array.isArray(f.raw('egress'));
  return egressGiven ? ['Ingress', 'Egress'] : ['Ingress'];
}

import * as v from 'valibot';
import { coded } from '../field-schemas/coded.ts';
import { commonItemEntries, intOrStringField } from '../field-schemas/field-schemas.ts';
import { buildLabelSelector } from './build-label-selector.ts';
import { Fields } from './fields.ts';
import type { BuildContext, KubeObject, RenderedItem } from './kube-object.ts';
import { podSelectorFor } from './labels.ts';
import { childMetadata } from './metadata.ts';
import { labelSelectorField } from './schema-fields.ts';
import { typeMeta } from './type-meta.ts';

/** A `pdb` item: at most one of `minAvailable` and `maxUnavailable`. */
export const pdbItemSchema = v.pipe(
  v.strictObject({
    ...commonItemEntries,
    minAvailable: v.optional(intOrStringField),
    maxUnavailable: v.optional(intOrStringField),
    selector: v.optional(labelSelectorField),
  }),
  v.forward(
    v.partialCheck([['minAvailable'], ['maxUnavailable']],
      (item) => item.minAvailable === undefined || item.maxUnavailable === undefined,
      coded('ORK1111', 'minAvailable and maxUnavailable are exclusive: set one')),
    ['maxUnavailable'],
  ),
);

/**
 * Builds a policy/v1 PodDisruptionBudget over the CR's workload pods (or `selector`). With
 * neither bound set it allows one pod down at a time (`maxUnavailable: 1`).
 */
export function buildPdb(item: RenderedItem, ctx: BuildContext): KubeObject {
  const f = new Fields(item);
  const metadata = childMetadata(f, ctx, { key: 'pdb', namespaced: true });
  const minAvailable = budget(f, 'minAvailable');
  const maxUnavailable = budget(f, 'maxUnavailable');
  if (minAvailable !== undefined && maxUnavailable !== undefined) {
    f.fail('maxUnavailable', 'cannot be combined with minAvailable: set one');
  }
  return {
    ...typeMeta('pdb'),
    metadata,
    spec: {
      ...(minAvailable !== undefined ? { minAvailable } : { maxUnavailable: maxUnavailable ?? 1 }),
      selector: buildLabelSelector(f, 'selector') ?? { matchLabels: podSelectorFor(ctx) },
    },
  };
}

function budget(f: Fields, key: string): number | string | undefined {
  const value = f.optIntOrString(key);
  if (typeof value === 'number' && value < 0) f.fail(key, `must not be negative, got ${value}`);
  if (typeof value === 'string' && !/^\d+%$/.test(value)) f.fail(key, `${JSON.stringify(value)} must be a number or a percentage such as 25%`);
  return value;
}

import { MANAGED_BY_LABEL } from '../children/index.ts';
import type { KubeObject } from '../children/index.ts';
import type { CrdEntry, Katalog } from '../katalog/model.ts';
import { planCrdSchema } from './plan-crd-schema.ts';
import { planPrinterColumns } from './printer-columns.ts';

/** Every generated CRD is in this category, so `kubectl get orkestra` lists every Orkestra resource. */
export const ORKESTRA_CATEGORY = 'orkestra';

/** Names the Katalog a generated CRD comes from. */
export const KATALOG_LABEL = 'orkestra.orkspace.io/katalog';

/** Options for `planCrd`. */
export interface PlanCrdOptions {
  /** The Katalog's `metadata.name`, recorded in the `orkestra.orkspace.io/katalog` label. */
  readonly katalogName?: string;
}

/**
 * Plans the `apiextensions.k8s.io/v1` CustomResourceDefinition of one Katalog CRD: one served
 * and stored version, the status subresource, printer columns and a structural schema.
 */
export function planCrd(crd: CrdEntry, options: PlanCrdOptions = {}): KubeObject {
  const { schema } = planCrdSchema(crd);
  const status = (schema['properties'] as Record<string, Record<string, unknown>>)['status']!;
  const categories = [...new Set([...crd.categories, ORKESTRA_CATEGORY])];
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: {
      name: `${crd.plural}.${crd.group}`,
      labels: {
        [MANAGED_BY_LABEL]: 'orkestra',
        ...(options.katalogName !== undefined ? { [KATALOG_LABEL]: options.katalogName } : {}),
      },
    },
    spec: {
      group: crd.group,
      names: {
        kind: crd.kind,
        listKind: crd.listKind,
        plural: crd.plural,
        singular: crd.singular,
        ...(crd.shortNames.length > 0 ? { shortNames: [...crd.shortNames] } : {}),
        categories,
      },
      scope: crd.scope,
      versions: [{
        name: crd.version,
        served: true,
        storage: true,
        subresources: { status: {} },
        additionalPrinterColumns: planPrinterColumns(status).map((c) => ({ ...c })),
        schema: { openAPIV3Schema: schema },
      }],
    },
  };
}

/** Plans the CRDs of every enabled Katalog CRD, sorted by CRD name (`<plural>.<group>`). */
export function planCrds(katalog: Katalog): KubeObject[] {
  return katalog.crds
    .filter((crd) => crd.enabled)
    .map((crd) => planCrd(crd, { katalogName: katalog.metadata.name }))
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
}

// Issue 18: keeps `spec.conversion` of the Katalog's multi-version CRDs pointing at the gateway's
// /convert with the current CA bundle (conversion.updateCRD). The CRD itself is the user's (ork
// generate crd, GitOps): only spec.conversion is replaced, with a PUT on the resourceVersion read,
// using exactly the verbs the RBAC planner grants (get and update by name). A CRD not installed
// yet is skipped and looked for again next pass.
import { crdConversionDrift, type CrdConversionBlock } from '@orkestra/lib/crd';
import type { Cluster, KubeObject, Resource } from '@orkestra/lib/ports';

/** apiextensions.k8s.io/v1 CustomResourceDefinitions. */
export const CRDS: Resource = { group: 'apiextensions.k8s.io', version: 'v1', resource: 'customresourcedefinitions', namespaced: false };

/** One CRD's planned spec.conversion. */
export interface CrdConversionPlan {
  /** `<plural>.<group>`. */
  readonly name: string;
  readonly conversion: CrdConversionBlock;
}

/** What happened to one CRD. */
export type CrdConversionOutcome =
  | { readonly name: string; readonly type: 'unchanged' | 'not-installed' }
  | { readonly name: string; readonly type: 'updated'; readonly fields: readonly string[] }
  | { readonly name: string; readonly type: 'failed'; readonly message: string };

/** Brings each installed CRD's spec.conversion to the plan; never throws for API failures. */
export async function ensureCrdConversions(cluster: Cluster, plans: readonly CrdConversionPlan[]): Promise<CrdConversionOutcome[]> {
  const out: CrdConversionOutcome[] = [];
  for (const plan of plans) out.push(await ensureOne(cluster, plan));
  return out;
}

async function ensureOne(cluster: Cluster, plan: CrdConversionPlan): Promise<CrdConversionOutcome> {
  const { name } = plan;
  const got = await cluster.get({ resource: CRDS, name });
  if (!got.ok) return got.error.type === 'not-found' ? { name, type: 'not-installed' } : { name, type: 'failed', message: `get: ${got.error.message}` };
  const spec = (got.value as KubeObject & { spec?: Record<string, unknown> }).spec ?? {};
  const fields = crdConversionDrift(spec['conversion'], plan.conversion);
  if (fields.length === 0) return { name, type: 'unchanged' };
  const updated = await cluster.update(CRDS, { ...got.value, spec: { ...spec, conversion: plan.conversion } } as KubeObject);
  if (updated.ok) return { name, type: 'updated', fields };
  return { name, type: 'failed', message: `update: ${updated.error.message}` };
}

// Writes the planned ValidatingWebhookConfigurations with exactly the verbs the RBAC planner grants
// the gateway (lib/src/rbac/plan-gateway-grants.ts): `create` (not limited by name), and by name
// `get`, `update`, and `delete` only with cleanupOnShutdown. Drift is replaced wholesale with a PUT
// on the observed resourceVersion, so an extra webhook entry someone added is removed too.
import { webhookConfigDrift, type WebhookConfiguration } from '@orkestra/lib/gateway';
import type { Cluster, KubeObject, Resource } from '@orkestra/lib/ports';

/** admissionregistration.k8s.io/v1 ValidatingWebhookConfigurations. */
export const WEBHOOK_CONFIGS: Resource = { group: 'admissionregistration.k8s.io', version: 'v1', resource: 'validatingwebhookconfigurations', namespaced: false };
/** admissionregistration.k8s.io/v1 MutatingWebhookConfigurations (issue 15: mutation rules). */
export const MUTATING_WEBHOOK_CONFIGS: Resource = { group: 'admissionregistration.k8s.io', version: 'v1', resource: 'mutatingwebhookconfigurations', namespaced: false };

/** The resource a configuration is stored as. */
export function configResource(c: Pick<WebhookConfiguration, 'kind'>): Resource {
  return c.kind === 'MutatingWebhookConfiguration' ? MUTATING_WEBHOOK_CONFIGS : WEBHOOK_CONFIGS;
}

/** What happened to one configuration. */
export type ConfigOutcome =
  | { readonly name: string; readonly type: 'created' | 'unchanged' }
  | { readonly name: string; readonly type: 'updated'; readonly fields: readonly string[] }
  | { readonly name: string; readonly type: 'failed'; readonly message: string };

/** Creates each missing configuration and re-applies each drifted one; never throws for API failures. */
export async function ensureWebhookConfigs(cluster: Cluster, desired: readonly WebhookConfiguration[]): Promise<ConfigOutcome[]> {
  const out: ConfigOutcome[] = [];
  for (const want of desired) out.push(await ensureOne(cluster, want));
  return out;
}

async function ensureOne(cluster: Cluster, want: WebhookConfiguration): Promise<ConfigOutcome> {
  const name = want.metadata.name;
  const resource = configResource(want);
  const got = await cluster.get({ resource, name });
  if (!got.ok && got.error.type !== 'not-found') return { name, type: 'failed', message: `get: ${got.error.message}` };
  if (!got.ok) {
    const created = await cluster.create(resource, want as unknown as KubeObject);
    if (created.ok) return { name, type: 'created' };
    return { name, type: 'failed', message: `create: ${created.error.message}` };
  }
  const drift = webhookConfigDrift(got.value, want);
  if (drift.type === 'in-sync') return { name, type: 'unchanged' };
  const fields = drift.type === 'drifted' ? drift.fields : ['(missing)'];
  const actual = got.value;
  const replaced: KubeObject = {
    ...actual,
    apiVersion: want.apiVersion,
    kind: want.kind,
    metadata: { ...actual.metadata, labels: { ...actual.metadata.labels, ...want.metadata.labels } },
    webhooks: want.webhooks,
  };
  const updated = await cluster.update(resource, replaced);
  if (updated.ok) return { name, type: 'updated', fields };
  return { name, type: 'failed', message: `update: ${updated.error.message}` };
}

/** Deletes the named configurations (cleanupOnShutdown); a missing one counts as deleted. */
export async function deleteWebhookConfigs(cluster: Cluster, names: readonly (string | { readonly name: string; readonly kind: WebhookConfiguration['kind'] })[]): Promise<{ readonly name: string; readonly error?: string }[]> {
  const out: { name: string; error?: string }[] = [];
  for (const entry of names) {
    const { name, kind } = typeof entry === 'string' ? { name: entry, kind: 'ValidatingWebhookConfiguration' as const } : entry;
    const r = await cluster.delete({ resource: configResource({ kind }), name });
    out.push(r.ok || r.error.type === 'not-found' ? { name } : { name, error: r.error.message });
  }
  return out;
}

import { canonicalJson } from '../runtime/fingerprint.ts';
import type { MutatingWebhook, WebhookConfiguration } from './webhook-config.ts';

/** Whether the housekeeper must re-apply a configuration, and which fields differ (for the log). */
export type WebhookDrift =
  | { readonly type: 'in-sync' }
  | { readonly type: 'missing' }
  | { readonly type: 'drifted'; readonly fields: readonly string[] };

const FIELDS: readonly (keyof MutatingWebhook)[] = [
  'clientConfig', 'rules', 'objectSelector', 'namespaceSelector', 'matchConditions',
  'failurePolicy', 'matchPolicy', 'sideEffects', 'timeoutSeconds', 'admissionReviewVersions', 'reinvocationPolicy',
];

/**
 * Compares a configuration as read from the API server with the planned one, on the fields the
 * gateway sets only (the API server adds others, such as `reinvocationPolicy` defaults and
 * `managedFields`). Empty selectors, lists and absent values are the same thing, since the API
 * server drops empty values on the way back. An added or removed webhook entry is drift too.
 */
export function webhookConfigDrift(actual: unknown, desired: WebhookConfiguration): WebhookDrift {
  if (!isRecord(actual)) return { type: 'missing' };
  const fields: string[] = [];
  const meta = isRecord(actual['metadata']) ? actual['metadata'] : {};
  const labels = isRecord(meta['labels']) ? meta['labels'] : {};
  for (const [k, value] of Object.entries(desired.metadata.labels)) {
    if (labels[k] !== value) fields.push(`metadata.labels.${k}`);
  }
  const hooks = Array.isArray(actual['webhooks']) ? actual['webhooks'].filter(isRecord) : [];
  const byName = new Map(hooks.map((h) => [h['name'], h]));
  for (const want of desired.webhooks) {
    const got = byName.get(want.name);
    if (!got) {
      fields.push(`webhooks[${want.name}]`);
      continue;
    }
    for (const f of FIELDS) {
      // reinvocationPolicy is a mutating webhook's only (issue 15).
      if (!(f in want)) continue;
      if (canonicalJson(prune(got[f])) !== canonicalJson(prune((want as MutatingWebhook)[f]))) fields.push(`webhooks[${want.name}].${f}`);
    }
  }
  const wanted = new Set(desired.webhooks.map((w) => w.name));
  for (const h of hooks) if (!wanted.has(h['name'] as string)) fields.push(`webhooks[${String(h['name'])}]`);
  return fields.length === 0 ? { type: 'in-sync' } : { type: 'drifted', fields };
}

/** Drops empty objects, empty lists and undefined, recursively; returns undefined for "empty". */
function prune(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(prune).filter((v) => v !== undefined);
    return items.length === 0 ? undefined : items;
  }
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const p = prune(v);
      if (p !== undefined) out[k] = p;
    }
    return Object.keys(out).length === 0 ? undefined : out;
  }
  return value === null ? undefined : value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

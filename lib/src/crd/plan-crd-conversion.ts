// Issue 18: a CRD's `spec.conversion` (spec/crd.md §9.3). The gateway keeps it on the cluster's
// CRDs (endpoint and caBundle) and `ork generate crd` writes it without caBundle, so a GitOps tool
// that applies the generated CRD never fights the gateway over the bundle.
import { crdVersions } from '../katalog/crd-versions.ts';
import type { CrdEntry } from '../katalog/model.ts';

/** The path the gateway answers ConversionReviews on. */
export const CONVERSION_PATH = '/convert';

/**
 * The gateway's Service and webhook port (the same as GATEWAY_SERVICE and WEBHOOK_PORT of
 * lib/src/gateway/names.ts, one room up; a test keeps them equal), and the namespace `ork
 * generate crd` assumes without `-n`.
 */
export const GATEWAY_CONVERSION_SERVICE = { name: 'orkestra-gateway', port: 8443, namespace: 'orkestra-system' } as const;

/** Where the API server sends ConversionReviews: a URL (out of cluster), or the gateway's Service. */
export type ConversionEndpoint =
  | { readonly type: 'url'; readonly url: string }
  | { readonly type: 'service'; readonly name: string; readonly namespace: string; readonly port: number };

/** `spec.conversion` of a CRD. */
export type CrdConversionBlock =
  | { readonly strategy: 'None' }
  | {
    readonly strategy: 'Webhook';
    readonly webhook: {
      readonly conversionReviewVersions: readonly string[];
      readonly clientConfig: {
        readonly url?: string;
        readonly service?: { readonly name: string; readonly namespace: string; readonly path: string; readonly port: number };
        readonly caBundle?: string;
      };
    };
  };

/** True when the CRD converts through the gateway: more than one version and conversion paths. */
export function usesConversionWebhook(crd: CrdEntry): boolean {
  return crdVersions(crd).length > 1 && (crd.conversion?.paths.length ?? 0) > 0;
}

/**
 * Plans `spec.conversion`: `Webhook` to the gateway's /convert for a CRD with conversion paths,
 * `None` for several versions without paths (the API server then only rewrites apiVersion), and
 * nothing for one version. `caBundle` is base64 PEM, or absent.
 */
export function planCrdConversion(crd: CrdEntry, endpoint: ConversionEndpoint, caBundle?: string): CrdConversionBlock | undefined {
  if (crdVersions(crd).length < 2) return undefined;
  if (!usesConversionWebhook(crd)) return { strategy: 'None' };
  const where = endpoint.type === 'url'
    ? { url: `${endpoint.url}${CONVERSION_PATH}` }
    : { service: { name: endpoint.name, namespace: endpoint.namespace, path: CONVERSION_PATH, port: endpoint.port } };
  return {
    strategy: 'Webhook',
    webhook: { conversionReviewVersions: ['v1'], clientConfig: { ...where, ...(caBundle !== undefined ? { caBundle } : {}) } },
  };
}

/**
 * What differs between a live CRD's `spec.conversion` and the planned one, as field names
 * (`strategy`, `clientConfig`, `caBundle`, `conversionReviewVersions`); empty when in sync.
 * Absent and empty values are equal (the API server drops empty ones).
 */
export function crdConversionDrift(live: unknown, want: CrdConversionBlock): string[] {
  const l = asRecord(live);
  const drift: string[] = [];
  if ((l['strategy'] ?? 'None') !== want.strategy) drift.push('strategy');
  if (want.strategy === 'None') return drift;
  const lw = asRecord(l['webhook']);
  const lc = asRecord(lw['clientConfig']);
  const wc = want.webhook.clientConfig;
  if (JSON.stringify(lw['conversionReviewVersions'] ?? []) !== JSON.stringify(want.webhook.conversionReviewVersions)) drift.push('conversionReviewVersions');
  if ((lc['url'] ?? '') !== (wc.url ?? '') || JSON.stringify(normalService(lc['service'])) !== JSON.stringify(normalService(wc.service))) drift.push('clientConfig');
  if ((lc['caBundle'] ?? '') !== (wc.caBundle ?? '')) drift.push('caBundle');
  return drift;
}

function normalService(s: unknown): unknown {
  if (s === undefined) return undefined;
  const r = asRecord(s);
  // The API server defaults the port to 443.
  return { name: r['name'], namespace: r['namespace'], path: r['path'] ?? '', port: r['port'] ?? 443 };
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

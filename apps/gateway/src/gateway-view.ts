// The gateway's `/katalog` body (reference/orkestra.md §6, merged by the Control Center by GVR) and
// `/health`, read from the admission stats and the housekeeper at request time.
import type { Katalog } from '@orkestra/lib';
import type { GatewayPolicy } from '@orkestra/lib/gateway';
import type { WebhookName, WebhookStats } from './admission.ts';
import { conversionView, type ConversionViewSource } from './conversion-view.ts';

/** What the view reads. */
export interface GatewayViewSource {
  readonly katalog: Katalog;
  readonly policy: GatewayPolicy;
  readonly gatewayVersion: string;
  readonly stats: Readonly<Record<WebhookName, WebhookStats>>;
  readonly certificates: () => { readonly managed: boolean; readonly servingNotAfterMs?: number; readonly caNotAfterMs?: number };
  readonly housekeeper: () => { readonly paused: boolean; readonly intervalMs: number; readonly configsApplied: boolean };
  /** Issue 18: /convert, when served. */
  readonly conversion?: ConversionViewSource;
}

/** A CRD's rule webhook counters (issue 15; the reference's field names). */
function admissionBlock(s: GatewayViewSource, crd: string): Record<string, unknown> {
  const ruled = s.policy.admission?.crds.find((c) => c.crd === crd);
  const v = s.stats.validate.byCrd.get(crd);
  const m = s.stats.mutate.byCrd.get(crd);
  return {
    webhooksEnabled: ruled !== undefined,
    validationTotal: v?.total ?? 0, validationAllowed: v?.allowed ?? 0, validationDenied: v?.blocked ?? 0, validationWarned: v?.warned ?? 0,
    mutationTotal: m?.total ?? 0, mutationApplied: m?.mutated ?? 0, mutationSkipped: (m?.total ?? 0) - (m?.mutated ?? 0),
  };
}

/** `GET /katalog` on the gateway. */
export function gatewayKatalog(s: GatewayViewSource): Record<string, unknown> {
  const dp = s.stats['deletion-protection'];
  const np = s.stats['namespace-protection'];
  const nsPolicy = s.policy.namespace;
  const protectedCrs = new Set((s.policy.deletion?.protectedResources ?? []).map((r) => r.crd));
  const placed = new Set((nsPolicy?.katalogResources ?? []).map((r) => r.crd));
  const certs = s.certificates();
  const conversion = conversionView(s.conversion);
  const counts = (st: WebhookStats, crd?: string) => {
    const c = crd === undefined ? st : st.byCrd.get(crd) ?? { total: 0, allowed: 0, blocked: 0 };
    return { total: c.total, blocked: c.blocked, allowed: c.allowed };
  };
  const namespaceBlock = (crd?: string) => ({
    enabled: nsPolicy !== undefined,
    hasNamespaceRules: nsPolicy !== undefined && (crd === undefined || placed.has(crd)),
    ...counts(np, crd),
    allowedNamespaces: nsPolicy?.allowedNamespaces ?? [],
    restrictedNamespaces: nsPolicy?.restrictedNamespaces ?? [],
  });
  return {
    source: 'gateway',
    name: s.katalog.metadata.name,
    version: s.katalog.metadata.version ?? '',
    standalone: s.katalog.gateway?.standalone ?? false,
    admissionEnabled: s.policy.admission !== undefined,
    conversionEnabled: conversion.enabled,
    deletionProtectionEnabled: s.policy.deletion !== undefined,
    namespaceProtectionEnabled: nsPolicy !== undefined,
    gatewayVersion: s.gatewayVersion,
    deletionProtection: { enabled: s.policy.deletion !== undefined, strictMode: s.policy.deletion?.strictMode ?? false, ...counts(dp), rejected: dp.rejected, undecided: dp.undecided },
    namespaceProtection: { ...namespaceBlock(), rejected: np.rejected, undecided: np.undecided },
    conversion: conversion.block,
    certificates: {
      managed: certs.managed,
      ...(certs.servingNotAfterMs !== undefined ? { servingNotAfter: new Date(certs.servingNotAfterMs).toISOString() } : {}),
      ...(certs.caNotAfterMs !== undefined ? { caNotAfter: new Date(certs.caNotAfterMs).toISOString() } : {}),
    },
    housekeeper: { paused: s.housekeeper().paused, intervalSeconds: s.housekeeper().intervalMs / 1000 },
    crds: s.katalog.crds.filter((c) => c.enabled).map((c) => ({
      name: c.name,
      gvk: { group: c.group, version: c.version, kind: c.kind },
      gvr: { group: c.group, version: c.version, resource: c.plural },
      admission: admissionBlock(s, c.name),
      conversion: conversion.crd(c.name),
      deletionProtection: { enabled: protectedCrs.has(c.name), ...counts(dp, c.name) },
      namespaceProtection: namespaceBlock(c.name),
    })),
  };
}

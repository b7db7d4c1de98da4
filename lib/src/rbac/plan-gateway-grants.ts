import type { Katalog } from '../katalog/model.ts';
import { usesConversionWebhook } from '../crd/plan-crd-conversion.ts';
import { admissionSwitch, crdsWithAdmissionRules } from '../katalog/admission-switch.ts';
import {
  ADMISSION_MUTATION_WEBHOOK, ADMISSION_VALIDATION_WEBHOOK, DELETION_PROTECTION_WEBHOOK, GATEWAY_ROLE, GATEWAY_TLS_ROLE, GATEWAY_TLS_SECRET, NAMESPACE_PROTECTION_WEBHOOK,
} from './names.ts';
import type { GrantPlan, RbacFinding } from './rbac-findings.ts';
import { compileValidationRules, webhookRulesOf } from '../cel/compile-rules.ts';
import type { Grant } from './rbac-model.ts';

const WEBHOOKS = 'validatingwebhookconfigurations';
const MUTATING_WEBHOOKS = 'mutatingwebhookconfigurations';
const ADMISSION = 'admissionregistration.k8s.io';

/** One webhook configuration the gateway owns, with what enabled it. */
export interface GatewayWebhook {
  readonly name: string;
  readonly feature: 'deletion protection' | 'namespace protection' | 'validation rules' | 'mutation rules';
  readonly cleanupOnShutdown: boolean;
  /** The resource it is (issue 15: mutation rules live in a MutatingWebhookConfiguration). */
  readonly resource: 'validatingwebhookconfigurations' | 'mutatingwebhookconfigurations';
  /** Why it may be absent at run time (the admission webhooks when the chart decides). */
  readonly note?: string;
}

/** The webhook configurations the gateway manages for this Katalog, in name order. */
export function gatewayWebhooks(katalog: Katalog): GatewayWebhook[] {
  const out: GatewayWebhook[] = [];
  // Issue 15, policy mode: protection is enforced by the bundle's ValidatingAdmissionPolicies; the
  // gateway manages neither protection configuration (and needs no rights for them).
  const policyMode = katalog.security?.mode === 'policy';
  const dp = policyMode ? undefined : katalog.security?.deletionProtection;
  const np = policyMode ? undefined : katalog.security?.namespaceProtection;
  if (dp?.enabled) out.push({ name: DELETION_PROTECTION_WEBHOOK, feature: 'deletion protection', cleanupOnShutdown: dp.cleanupOnShutdown, resource: WEBHOOKS });
  if (np?.enabled) out.push({ name: NAMESPACE_PROTECTION_WEBHOOK, feature: 'namespace protection', cleanupOnShutdown: np.cleanupOnShutdown, resource: WEBHOOKS });
  // Issue 15: planned whenever the Katalog lets them run; with admission.enabled unset the chart
  // (ENABLE_ADMISSION_WEBHOOK) decides at install, after the bundle is written.
  const admission = admissionSwitch(katalog);
  if (admission !== 'off') {
    // In policy mode the validating webhook keeps only the rules CEL cannot express.
    const crds = crdsWithAdmissionRules(katalog).map((c) => (policyMode ? { ...c, admission: webhookRulesOf(c) } : c));
    const cleanup = katalog.security?.webhooks.cleanupOnShutdown ?? false;
    const note = admission === 'env' ? 'used when the gateway runs with ENABLE_ADMISSION_WEBHOOK=true (chart: gateway.webhooks.enabled and gateway.webhooks.admission); set security.webhooks.admission.enabled to decide in the Katalog' : undefined;
    const extra = note !== undefined ? { note } : {};
    if (crds.some((c) => c.admission.webhooks.validation)) out.push({ name: ADMISSION_VALIDATION_WEBHOOK, feature: 'validation rules', cleanupOnShutdown: cleanup, resource: WEBHOOKS, ...extra });
    if (crds.some((c) => c.admission.webhooks.mutation && c.admission.webhooks.operations.some((o) => o === 'CREATE' || o === 'UPDATE'))) {
      out.push({ name: ADMISSION_MUTATION_WEBHOOK, feature: 'mutation rules', cleanupOnShutdown: cleanup, resource: MUTATING_WEBHOOKS, ...extra });
    }
  }
  return out;
}

/**
 * Plans the gateway's grants: its webhook configurations (create, and by name everything else),
 * its TLS Secret in the install namespace, and, with deletion protection, `get` on Pods: an
 * eviction's review carries only the Eviction, so the Pod it names is read to see its label.
 * Every other decision reads the AdmissionReview's own objects.
 */
export function planGatewayGrants(katalog: Katalog, installNamespace: string): GrantPlan {
  const grants: Grant[] = [];
  const webhooks = gatewayWebhooks(katalog);
  const vwc = (resource: GatewayWebhook['resource'], verbs: string[], reason: string, names?: string[]): void => {
    grants.push({ component: 'gateway', role: GATEWAY_ROLE, scope: { type: 'cluster' }, apiGroup: ADMISSION, resource, verbs, ...(names ? { resourceNames: names } : {}), reason });
  };
  for (const resource of [WEBHOOKS, MUTATING_WEBHOOKS] as const) {
    const of = webhooks.filter((w) => w.resource === resource);
    if (of.length > 0) vwc(resource, ['create'], `housekeeper: create ${of.map((w) => w.name).join(' and ')} when missing (create cannot be limited by name)`);
  }
  for (const w of webhooks) {
    // The housekeeper polls by name (get) and repairs with an update on the resourceVersion it read,
    // which also drops webhooks someone added; it neither watches nor patches.
    const when = w.note !== undefined ? ` (${w.note})` : '';
    vwc(w.resource, ['get', 'update'], `${w.feature}: read ${w.name} every housekeeper pass, restore it when edited and put the current caBundle in it${when}`, [w.name]);
    if (w.cleanupOnShutdown) vwc(w.resource, ['delete'], `${w.feature}: cleanupOnShutdown removes ${w.name} on graceful stop`, [w.name]);
  }
  if (katalog.security?.deletionProtection?.enabled && katalog.security.mode !== 'policy') {
    // Issue 12: evictions delete Pods without a DELETE review. No list or watch: one GET per
    // eviction, by the name in the review (a get cannot be limited by name in advance).
    grants.push({
      component: 'gateway', role: GATEWAY_ROLE, scope: { type: 'cluster' }, apiGroup: '', resource: 'pods', verbs: ['get'],
      reason: 'deletion protection: read the Pod a pods/eviction request names to check its orkestra.io/deletion-protection label (the Eviction in the review carries none of the Pod\'s labels; the Pod can be in any namespace)',
    });
  }
  // Issue 18: conversion.updateCRD keeps spec.conversion (endpoint and caBundle) of each CRD
  // with conversion paths; the housekeeper polls it by name and replaces it with an update, as it
  // does the webhook configurations (no list, watch or patch).
  const converted = conversionOn(katalog)
    ? katalog.crds.filter((c) => c.enabled && usesConversionWebhook(c) && c.conversion?.updateCRD).map((c) => `${c.plural}.${c.group}`).sort()
    : [];
  if (converted.length > 0) {
    grants.push({
      component: 'gateway', role: GATEWAY_ROLE, scope: { type: 'cluster' }, apiGroup: 'apiextensions.k8s.io', resource: 'customresourcedefinitions',
      verbs: ['get', 'update'], resourceNames: converted,
      reason: `conversion: read ${converted.join(', ')} every housekeeper pass and point its spec.conversion at the gateway's /convert with the current caBundle (restored when cleared or edited)`,
    });
  }
  const tls = (verbs: string[], reason: string, names?: string[]): void => {
    grants.push({ component: 'gateway', role: GATEWAY_TLS_ROLE, scope: { type: 'namespace', namespace: installNamespace }, apiGroup: '', resource: 'secrets', verbs, ...(names ? { resourceNames: names } : {}), reason });
  };
  tls(['create'], `certificates: create the Secret ${GATEWAY_TLS_SECRET} on first start (create cannot be limited by name)`);
  tls(['get', 'update'], `certificates: read ${GATEWAY_TLS_SECRET} at start and every housekeeper pass, restore it and rotate the CA and serving certificate in it`, [GATEWAY_TLS_SECRET]);
  return { grants, findings: policyModeFindings(katalog), notes: [] };
}

/** ORK1408 for each validation rule that policy mode leaves on the webhook, with the reason CEL cannot express it. */
function policyModeFindings(katalog: Katalog): RbacFinding[] {
  if (katalog.security?.mode !== 'policy' || admissionSwitch(katalog) === 'off') return [];
  return crdsWithAdmissionRules(katalog).filter((c) => c.admission.webhooks.validation).flatMap((crd) => compileValidationRules(crd).kept.map((k) => ({
    code: 'ORK1408' as const,
    path: [...crd.path, ...k.rule.at],
    message: `validation rule ${k.rule.index} of "${crd.name}" (field ${k.rule.check.field.text}) stays on the gateway's /validate webhook in policy mode: ${k.reason}`,
  })));
}

// Conversion runs unless the Katalog switches it off (ENABLE_CONVERSION cannot take RBAC away offline).
function conversionOn(katalog: Katalog): boolean {
  return katalog.security?.conversion?.enabled !== false;
}

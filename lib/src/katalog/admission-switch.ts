import type { CrdEntry, Katalog } from './model.ts';

/** Enabled CRDs that have rules for at least one admission webhook (issue 15). */
export function crdsWithAdmissionRules(katalog: Katalog): CrdEntry[] {
  return katalog.crds.filter((c) => c.enabled && (c.admission.webhooks.validation || c.admission.webhooks.mutation));
}

/**
 * Whether the gateway serves the admission webhooks of validation and mutation rules (spec/gateway.md
 * §6): `off` without rules, without a gateway, or with `security.webhooks.admission.enabled: false`;
 * `on` with `enabled: true`; `env` when the Katalog leaves it to ENABLE_ADMISSION_WEBHOOK (the
 * chart's gateway.webhooks.enabled and gateway.webhooks.admission), the reference's precedence.
 * The bundle plans the webhooks' RBAC for `on` and `env` alike: it is written before the chart's
 * values are known.
 */
export function admissionSwitch(katalog: Katalog): 'off' | 'on' | 'env' {
  if (!katalog.wantsGateway || crdsWithAdmissionRules(katalog).length === 0) return 'off';
  const enabled = katalog.security?.webhooks.enabled;
  return enabled === undefined ? 'env' : enabled ? 'on' : 'off';
}

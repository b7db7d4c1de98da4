import type { Katalog } from '../katalog/model.ts';
import { BUILTIN_RESTRICTED_NAMESPACES } from './names.ts';
import { servedVersions } from '../katalog/crd-versions.ts';
import type { AdmissionRules } from '../admission/rule-model.ts';
import { admissionSwitch, crdsWithAdmissionRules } from '../katalog/admission-switch.ts';
import { webhookRulesOf } from '../cel/compile-rules.ts';

/** A custom resource type of the Katalog, as the API server names it in a review. */
export interface KatalogResource {
  /** The key under `spec.crds`, for messages that say what to edit. */
  readonly crd: string;
  readonly group: string;
  readonly resource: string;
  readonly kind: string;
  readonly scope: 'Namespaced' | 'Cluster';
  /** The served versions: policy mode matches exactly these (matchPolicy Equivalent covers a request through any). */
  readonly versions?: readonly string[];
}

/** What deletion protection decides on (from `security.deletionProtection` and per-CRD settings). */
export interface DeletionPolicy {
  readonly katalog: string;
  readonly failurePolicy: 'Fail' | 'Ignore';
  readonly strictMode: boolean;
  /** CRD names (`<plural>.<group>`) that cannot be deleted (`deletionProtection.protectCRD`). */
  readonly protectedCrds: readonly { readonly crd: string; readonly name: string }[];
  /** CR types whose every object is protected (`deletionProtection.protectCRs`). */
  readonly protectedResources: readonly KatalogResource[];
  /** Never blocked, so the gateway can always be repaired. */
  readonly gatewayNamespace: string;
}

/** What namespace protection decides on (from `security.namespaceProtection`). */
export interface NamespacePolicy {
  readonly katalog: string;
  readonly failurePolicy: 'Fail' | 'Ignore';
  /** The Katalog's list plus BUILTIN_RESTRICTED_NAMESPACES, sorted, without the gateway namespace. */
  readonly restrictedNamespaces: readonly string[];
  /** Empty means every namespace that is not restricted. */
  readonly allowedNamespaces: readonly string[];
  readonly protectWrites: boolean;
  /** The Katalog's namespaced CR types, whose placement is checked on CREATE. */
  readonly katalogResources: readonly KatalogResource[];
  readonly gatewayNamespace: string;
}

/** A Katalog CRD with admission rules, as the API server names it in a review (issue 15). */
export interface RuleResource extends KatalogResource {
  readonly version: string;
  /** The rules the webhooks check (in policy mode, those CEL cannot express). */
  readonly rules: AdmissionRules;
}

/** What the `/validate` and `/mutate` webhooks decide on (issue 15, spec/gateway.md §6). */
export interface RulesPolicy {
  readonly katalog: string;
  /** `security.webhooks.failurePolicy` (default Ignore). */
  readonly failurePolicy: 'Fail' | 'Ignore';
  readonly crds: readonly RuleResource[];
}

/** The gateway's policies for a Katalog; a policy is absent when its protection is off. */
export interface GatewayPolicy {
  readonly deletion?: DeletionPolicy;
  readonly namespace?: NamespacePolicy;
  /** The admission webhooks of validation and mutation rules (issue 15). */
  readonly admission?: RulesPolicy;
}

/** What besides the Katalog decides the gateway's policies. */
export interface GatewayPolicyOptions {
  /** ENABLE_ADMISSION_WEBHOOK: turns the rule webhooks on when the Katalog leaves it open. */
  readonly admissionFromEnv?: boolean;
  /** The rules the webhook keeps for a CRD; by default all (policy mode hands CEL-expressible ones to the API server). */
  readonly webhookRules?: (crd: Katalog['crds'][number]) => AdmissionRules;
}

/** The rule webhooks' policy over every enabled CRD with rules, whatever the switches say (`ork admit`, and the gateway when on). */
export function rulesPolicyOf(katalog: Katalog, webhookRules?: GatewayPolicyOptions['webhookRules']): RulesPolicy {
  const crds = crdsWithAdmissionRules(katalog)
    .map((c): RuleResource => ({ crd: c.name, group: c.group, resource: c.plural, kind: c.kind, scope: c.scope, version: c.version, rules: webhookRules?.(c) ?? c.admission }))
    .filter((c) => c.rules.webhooks.validation || c.rules.webhooks.mutation);
  return { katalog: katalog.metadata.name, failurePolicy: katalog.security?.webhooks.failurePolicy ?? 'Ignore', crds };
}

/**
 * Derives the decision policies from the Katalog; `gatewayNamespace` is where the gateway runs.
 * In policy mode (issue 15, spec/gateway.md §8) the API server enforces protection through the
 * bundle's ValidatingAdmissionPolicies, so the gateway keeps only the admission rules CEL cannot
 * express and the mutation rules.
 */
export function planGatewayPolicy(katalog: Katalog, gatewayNamespace: string, options: GatewayPolicyOptions = {}): GatewayPolicy {
  const policyMode = katalog.security?.mode === 'policy';
  const admission = admissionSwitch(katalog);
  const admissionOn = admission === 'on' || (admission === 'env' && options.admissionFromEnv === true);
  const rules = rulesPolicyOf(katalog, options.webhookRules ?? (policyMode ? webhookRulesOf : undefined));
  const deletion = policyMode ? undefined : deletionPolicyOf(katalog, gatewayNamespace);
  const namespace = policyMode ? undefined : namespacePolicyOf(katalog, gatewayNamespace);
  return {
    ...(admissionOn && rules.crds.length > 0 ? { admission: rules } : {}),
    ...(deletion ? { deletion } : {}),
    ...(namespace ? { namespace } : {}),
  };
}

function resourceOf(c: Katalog['crds'][number]): KatalogResource {
  return { crd: c.name, group: c.group, resource: c.plural, kind: c.kind, scope: c.scope, versions: servedVersions(c) };
}

/** Deletion protection's policy, whoever enforces it (the webhooks, or in policy mode the API server); absent when off. */
export function deletionPolicyOf(katalog: Katalog, gatewayNamespace: string): DeletionPolicy | undefined {
  const dp = katalog.security?.deletionProtection;
  if (!dp?.enabled) return undefined;
  const crds = katalog.crds.filter((c) => c.enabled);
  return {
    katalog: katalog.metadata.name,
    failurePolicy: dp.failurePolicy,
    strictMode: dp.strictMode,
    protectedCrds: crds.filter((c) => c.deletionProtection.protectCRD).map((c) => ({ crd: c.name, name: `${c.plural}.${c.group}` })),
    protectedResources: crds.filter((c) => c.deletionProtection.protectCRs).map(resourceOf),
    gatewayNamespace,
  };
}

/** Namespace protection's policy, whoever enforces it; absent when off. */
export function namespacePolicyOf(katalog: Katalog, gatewayNamespace: string): NamespacePolicy | undefined {
  const np = katalog.security?.namespaceProtection;
  if (!np?.enabled) return undefined;
  const crds = katalog.crds.filter((c) => c.enabled);
  return {
    katalog: katalog.metadata.name,
    failurePolicy: np.failurePolicy,
    restrictedNamespaces: [...new Set([...BUILTIN_RESTRICTED_NAMESPACES, ...np.restrictedNamespaces])].filter((n) => n !== gatewayNamespace).sort(),
    allowedNamespaces: [...np.allowedNamespaces].sort(),
    protectWrites: np.protectWrites,
    katalogResources: crds.filter((c) => c.scope === 'Namespaced').map(resourceOf),
    gatewayNamespace,
  };
}

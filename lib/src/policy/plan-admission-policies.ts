import type { KubeObject } from '../children/kube-object.ts';
import { compileValidationRules, type KeptRule } from '../cel/compile-rules.ts';
import { deletionPolicyOf, namespacePolicyOf } from '../gateway/gateway-policy.ts';
import { admissionSwitch, crdsWithAdmissionRules } from '../katalog/admission-switch.ts';
import type { Katalog } from '../katalog/model.ts';
import { planDeletionPolicies, planNamespacePolicies } from './plan-protection-policies.ts';
import { planRulePolicies } from './plan-rule-policies.ts';
import type { PlannedPolicy } from './vap-model.ts';

/** A validation rule that stays on the webhook in policy mode, with the CRD it belongs to. */
export interface WebhookRule extends KeptRule {
  readonly crd: string;
}

/** What policy mode puts in the API server, and what stays on the gateway's webhooks. */
export interface PolicyPlan {
  /** Policies in bundle order (deletion protection, namespace protection, rules by CRD name). */
  readonly policies: readonly PlannedPolicy[];
  /** Validation rules CEL cannot express, in CRD and rule order. */
  readonly webhookRules: readonly WebhookRule[];
  /** CRDs whose mutation rules stay on the `/mutate` webhook (a policy cannot change a request). */
  readonly mutationCrds: readonly string[];
}

/** True when the Katalog asks for policy mode (`security.mode: policy`). */
export function isPolicyMode(katalog: Katalog): boolean {
  return katalog.wantsGateway && katalog.security?.mode === 'policy';
}

/**
 * Plans policy mode (spec/gateway.md §8): deletion and namespace protection, and every validation
 * rule CEL can express, as ValidatingAdmissionPolicies and bindings, with `gatewayNamespace` (the
 * install namespace) exempt as the webhooks exempt it. Empty when the Katalog is not in policy
 * mode. Rules are compiled when the admission webhooks may run (security.webhooks.admission not
 * false): the policies are bundle objects, in force whatever the chart's switches say.
 */
export function planPolicyMode(katalog: Katalog, gatewayNamespace: string): PolicyPlan {
  if (!isPolicyMode(katalog)) return { policies: [], webhookRules: [], mutationCrds: [] };
  const deletion = deletionPolicyOf(katalog, gatewayNamespace);
  const namespace = namespacePolicyOf(katalog, gatewayNamespace);
  const policies: PlannedPolicy[] = [...(deletion ? planDeletionPolicies(deletion) : []), ...(namespace ? planNamespacePolicies(namespace) : [])];
  const webhookRules: WebhookRule[] = [];
  const mutationCrds: string[] = [];
  if (admissionSwitch(katalog) !== 'off') {
    const failurePolicy = katalog.security?.webhooks.failurePolicy ?? 'Ignore';
    for (const crd of crdsWithAdmissionRules(katalog)) {
      if (crd.admission.webhooks.mutation) mutationCrds.push(crd.name);
      if (!crd.admission.webhooks.validation) continue;
      const { compiled, kept } = compileValidationRules(crd);
      policies.push(...planRulePolicies(crd, compiled, failurePolicy));
      webhookRules.push(...kept.map((k) => ({ ...k, crd: crd.name })));
    }
  }
  return { policies, webhookRules, mutationCrds };
}

/** The bundle objects of a plan: every policy, then every binding (a binding to a missing policy is ignored, so policies go first). */
export function policyObjects(plan: PolicyPlan): KubeObject[] {
  return [...plan.policies.map((p) => p.policy), ...plan.policies.map((p) => p.binding)] as unknown as KubeObject[];
}

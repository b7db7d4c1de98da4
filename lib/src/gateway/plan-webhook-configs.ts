import type { Katalog } from '../katalog/model.ts';
import { ADMISSION_MUTATION_WEBHOOK, ADMISSION_VALIDATION_WEBHOOK, DELETION_PROTECTION_WEBHOOK, NAMESPACE_PROTECTION_WEBHOOK } from '../rbac/names.ts';
import { planGatewayPolicy, type DeletionPolicy, type GatewayPolicy, type KatalogResource, type NamespacePolicy, type RulesPolicy } from './gateway-policy.ts';
import { BUILTIN_RESTRICTED_NAMESPACES, DELETION_PROTECTION_PATH, MUTATE_PATH, NAMESPACE_NAME_LABEL, NAMESPACE_PROTECTION_PATH, PROTECTION_LABEL, VALIDATE_PATH, WEBHOOK_TIMEOUT_SECONDS } from './names.ts';
import type { LabelSelector, MutatingWebhookConfiguration, RuleWithOperations, ValidatingWebhook, ValidatingWebhookConfiguration, WebhookClientConfig, WebhookConfiguration } from './webhook-config.ts';

/** How the API server reaches the gateway: a base URL (out of cluster) or the Service (in cluster). */
export type WebhookEndpoint =
  | { readonly type: 'url'; readonly url: string }
  | { readonly type: 'service'; readonly name: string; readonly namespace: string; readonly port: number };

/** Everything besides the Katalog that the webhook configurations depend on. */
export interface WebhookPlanOptions {
  readonly endpoint: WebhookEndpoint;
  /** Base64 of the PEM CA bundle (every CA the API server must trust, see planCertificates). */
  readonly caBundle: string;
  /** The gateway's namespace: excluded from every webhook, so the gateway can always be repaired. */
  readonly gatewayNamespace: string;
  /** The policies to plan for (issue 15: with the admission rules the environment turned on); by default planGatewayPolicy's. */
  readonly policy?: GatewayPolicy;
}

/** Labels on the configurations, so people and the housekeeper can find them. */
export const WEBHOOK_CONFIG_LABELS: Readonly<Record<string, string>> = {
  'app.kubernetes.io/component': 'gateway',
  'app.kubernetes.io/managed-by': 'orkestra-gateway',
  'app.kubernetes.io/name': 'orkestra',
  'app.kubernetes.io/part-of': 'orkestra',
};

const ALL = ['*'];

/**
 * Plans `orkestra-deletion-protection` and `orkestra-namespace-protection` (each only when its
 * protection is enabled), in that order. Every webhook is scoped by selectors so that an outage
 * with failurePolicy Fail blocks only what is protected (spec/gateway.md §4). Webhooks are never
 * called for webhook configurations, so these objects are guarded by the housekeeper, not here.
 */
export function planWebhookConfigs(katalog: Katalog, options: WebhookPlanOptions): WebhookConfiguration[] {
  const policy = options.policy ?? planGatewayPolicy(katalog, options.gatewayNamespace);
  const out: WebhookConfiguration[] = [];
  if (policy.deletion) out.push(config(DELETION_PROTECTION_WEBHOOK, deletionWebhooks(policy.deletion, options)));
  if (policy.namespace) out.push(config(NAMESPACE_PROTECTION_WEBHOOK, namespaceWebhooks(policy.namespace, options)));
  // Issue 15: the rule webhooks, named as in the reference.
  if (policy.admission) {
    const validating = ruleRules(policy.admission, 'validation');
    if (validating.length > 0) {
      out.push(config(ADMISSION_VALIDATION_WEBHOOK, [webhook('validate.orkestra.orkspace.io', clientConfig(options, VALIDATE_PATH), policy.admission.failurePolicy, validating, {}, {})]));
    }
    const mutating = ruleRules(policy.admission, 'mutation');
    if (mutating.length > 0) {
      const hook = { ...webhook('mutate.orkestra.orkspace.io', clientConfig(options, MUTATE_PATH), policy.admission.failurePolicy, mutating, {}, {}), reinvocationPolicy: 'IfNeeded' as const };
      const mwc: MutatingWebhookConfiguration = { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'MutatingWebhookConfiguration', metadata: { name: ADMISSION_MUTATION_WEBHOOK, labels: WEBHOOK_CONFIG_LABELS }, webhooks: [hook] };
      out.push(mwc);
    }
  }
  return out;
}

/** One rule per CRD with that webhook on, with its operations (mutation only sees CREATE and UPDATE: nothing to patch otherwise). */
function ruleRules(p: RulesPolicy, which: 'validation' | 'mutation'): RuleWithOperations[] {
  return p.crds.filter((c) => c.rules.webhooks[which]).flatMap((c) => {
    const ops = which === 'mutation' ? c.rules.webhooks.operations.filter((o) => o === 'CREATE' || o === 'UPDATE') : c.rules.webhooks.operations;
    return ops.length === 0 ? [] : [rule([...ops], [c.group], [c.resource], c.scope)];
  }).sort((a, b) => (a.resources[0]! < b.resources[0]! ? -1 : 1));
}

function deletionWebhooks(p: DeletionPolicy, o: WebhookPlanOptions): ValidatingWebhook[] {
  const client = clientConfig(o, DELETION_PROTECTION_PATH);
  const notGateway = notIn([o.gatewayNamespace]);
  const labelled: LabelSelector = { matchLabels: { [PROTECTION_LABEL]: 'true' } };
  const hooks = [webhook('labels.deletion-protection.orkestra.io', client, p.failurePolicy, [rule(['DELETE'], ALL, ALL, '*')], labelled, notGateway)];
  // The API server deletes an evicted Pod without calling DELETE webhooks, and the Eviction in the
  // review carries none of the Pod's labels (so no objectSelector can pick protected Pods): every
  // eviction is sent, and the gateway reads the Pod it names (spec/gateway.md §2, spec/rbac.md).
  hooks.push(webhook('evictions.deletion-protection.orkestra.io', client, p.failurePolicy, [rule(['CREATE'], [''], ['pods/eviction'], 'Namespaced')], {}, notGateway));
  if (p.protectedCrds.length > 0) {
    // No label on a CRD to select by, and objectSelector cannot match names: narrow with a CEL
    // matchCondition so deletes of other CRDs never leave the API server.
    const names = p.protectedCrds.map((c) => `'${c.name}'`).join(', ');
    hooks.push(webhook('crds.deletion-protection.orkestra.io', client, p.failurePolicy,
      [rule(['DELETE'], ['apiextensions.k8s.io'], ['customresourcedefinitions'], 'Cluster')], {}, {},
      [{ name: 'katalog-crd', expression: `request.name in [${names}]` }]));
  }
  if (p.protectedResources.length > 0) {
    hooks.push(webhook('custom-resources.deletion-protection.orkestra.io', client, p.failurePolicy, resourceRules(['DELETE'], p.protectedResources), {}, notGateway));
  }
  if (p.strictMode) {
    // objectSelector is matched against old and new object, so an UPDATE dropping the label is
    // still sent. `*/*` takes every subresource too: `status` can change labels on Pods, Services,
    // Namespaces and more. The condition keeps updates that leave the label in place (every
    // status write of a protected Pod) inside the API server: only a removal leaves it.
    hooks.push(webhook('strict-mode.deletion-protection.orkestra.io', client, p.failurePolicy, [rule(['UPDATE'], ALL, ['*/*'], '*')], labelled, notGateway, [
      { name: 'label-taken-away', expression: `!has(object.metadata.labels) || !('${PROTECTION_LABEL}' in object.metadata.labels) || object.metadata.labels['${PROTECTION_LABEL}'] != 'true'` },
    ]));
  }
  return hooks;
}

function namespaceWebhooks(p: NamespacePolicy, o: WebhookPlanOptions): ValidatingWebhook[] {
  const client = clientConfig(o, NAMESPACE_PROTECTION_PATH);
  const restricted = { matchExpressions: [{ key: NAMESPACE_NAME_LABEL, operator: 'In' as const, values: p.restrictedNamespaces }] };
  // For a Namespace object the namespaceSelector is matched against the Namespace's own labels.
  const hooks = [webhook('namespaces.namespace-protection.orkestra.io', client, p.failurePolicy, [rule(['DELETE'], [''], ['namespaces'], 'Cluster')], {}, restricted)];
  if (p.katalogResources.length > 0) {
    const placement = p.allowedNamespaces.length > 0 ? notIn([...p.allowedNamespaces, o.gatewayNamespace]) : restricted;
    hooks.push(webhook('placement.namespace-protection.orkestra.io', client, p.failurePolicy, resourceRules(['CREATE'], p.katalogResources), {}, placement));
  }
  if (p.protectWrites) {
    // Control-plane writes (leases, events, endpoints) never reach the gateway: an outage with
    // failurePolicy Fail must not stop the controllers that live in kube-system.
    const sa = [...BUILTIN_RESTRICTED_NAMESPACES, o.gatewayNamespace].map((n) => `'system:serviceaccount:${n}:'`);
    hooks.push(webhook('writes.namespace-protection.orkestra.io', client, p.failurePolicy, [rule(['CREATE', 'UPDATE', 'DELETE'], ALL, ALL, 'Namespaced')], {}, restricted, [
      { name: 'not-control-plane', expression: "!request.userInfo.username.startsWith('system:') || request.userInfo.username.startsWith('system:serviceaccount:')" },
      { name: 'not-node', expression: "!has(request.userInfo.groups) || !('system:nodes' in request.userInfo.groups)" },
      { name: 'not-system-service-account', expression: `![${sa.join(', ')}].exists(p, request.userInfo.username.startsWith(p))` },
    ]));
  }
  return hooks;
}

function config(name: string, webhooks: ValidatingWebhook[]): ValidatingWebhookConfiguration {
  return { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingWebhookConfiguration', metadata: { name, labels: WEBHOOK_CONFIG_LABELS }, webhooks };
}

function clientConfig(o: WebhookPlanOptions, path: string): WebhookClientConfig {
  const e = o.endpoint;
  return e.type === 'url'
    ? { url: `${e.url.replace(/\/+$/, '')}${path}`, caBundle: o.caBundle }
    : { service: { name: e.name, namespace: e.namespace, port: e.port, path }, caBundle: o.caBundle };
}

function webhook(name: string, clientConfig: WebhookClientConfig, failurePolicy: 'Fail' | 'Ignore', rules: RuleWithOperations[],
                 objectSelector: LabelSelector, namespaceSelector: LabelSelector,
                 matchConditions: ValidatingWebhook['matchConditions'] = []): ValidatingWebhook {
  return {
    name, clientConfig, rules, objectSelector, namespaceSelector, matchConditions, failurePolicy,
    matchPolicy: 'Equivalent', sideEffects: 'None', timeoutSeconds: WEBHOOK_TIMEOUT_SECONDS, admissionReviewVersions: ['v1'],
  };
}

/** One admission rule over every version (shared with policy mode's matchConstraints). */
export function rule(operations: RuleWithOperations['operations'], apiGroups: string[], resources: string[], scope: RuleWithOperations['scope']): RuleWithOperations {
  return { operations, apiGroups, apiVersions: ALL, resources, scope };
}

/** One rule per group, resources sorted, so the plan is stable whatever the Katalog's order. */
export function resourceRules(operations: RuleWithOperations['operations'], kinds: readonly KatalogResource[]): RuleWithOperations[] {
  const byGroup = new Map<string, Set<string>>();
  for (const k of kinds) byGroup.set(k.group, (byGroup.get(k.group) ?? new Set()).add(k.resource));
  return [...byGroup.keys()].sort().map((g) => rule(operations, [g], [...byGroup.get(g)!].sort(), '*'));
}

/** A namespaceSelector excluding these namespaces by their immutable name label. */
export function notIn(values: readonly string[]): LabelSelector {
  return { matchExpressions: [{ key: NAMESPACE_NAME_LABEL, operator: 'NotIn', values: [...new Set(values)].sort() }] };
}

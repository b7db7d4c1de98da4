import { celString, celStringList } from '../cel/cel-literal.ts';
import type { DeletionPolicy, NamespacePolicy } from '../gateway/gateway-policy.ts';
import { BUILTIN_RESTRICTED_NAMESPACES, NAMESPACE_NAME_LABEL, PROTECTION_LABEL, STRICT_EXEMPT_LABEL } from '../gateway/names.ts';
import type { LabelSelector } from '../gateway/webhook-config.ts';
import { notIn, rule } from '../gateway/plan-webhook-configs.ts';
import type { KatalogResource } from '../gateway/gateway-policy.ts';
import type { RuleWithOperations } from '../gateway/webhook-config.ts';
import { DESCRIBE_TARGET, KUBECTL_TARGET, labelIsTrue, NAME, NAMESPACE, SUBRESOURCE, text, USERNAME } from './cel-request.ts';
import { planned, type NamedRuleWithOperations, type PlannedPolicy, type ValidatingAdmissionPolicy } from './vap-model.ts';

// Every group, version and resource: the label-selected doors (deletion protection, strict mode)
// and protectWrites cover objects of any kind, including CRDs installed later; Kubernetes has no
// other way to say "every resource" in a match rule. A match rule grants nothing (spec/gateway.md §8).
const ALL = ['*'];
const LABELLED: LabelSelector = { matchLabels: { [PROTECTION_LABEL]: 'true' } };

/**
 * Deletion protection as policies (spec/gateway.md §8): the same doors as the webhooks of §4, each
 * decided as decideDeletionProtection decides it. Evictions read the Pod through the binding's
 * parameters: the protected Pods of the request's namespace.
 */
export function planDeletionPolicies(p: DeletionPolicy): PlannedPolicy[] {
  const notGateway = notIn([p.gatewayNamespace]);
  const unlock = (target: string): string => p.strictMode
    ? `${text(`kubectl label `)} + ${target} + ${text(` ${STRICT_EXEMPT_LABEL}=true, then kubectl label `)} + ${target} + ${text(` ${PROTECTION_LABEL}-`)}`
    : `${text('kubectl label ')} + ${target} + ${text(` ${PROTECTION_LABEL}-`)}`;
  const carries = `it carries the label ${PROTECTION_LABEL}: "true".`;
  const out: PlannedPolicy[] = [
    planned('orkestra-deletion-protection-labels', spec(p.failurePolicy, [rule(['DELETE'], ALL, ALL, '*')], LABELLED, notGateway, [{
      // A review without oldObject cannot be checked: it fails closed (rule missing-old-object).
      expression: `oldObject != null && !${labelIsTrue('oldObject', PROTECTION_LABEL)}`,
      message: `deleting this object is denied by deletion protection: ${carries}`,
      messageExpression: `'deleting ' + ${DESCRIBE_TARGET} + ${text(` is denied by deletion protection: ${carries} To unlock: `)} + ${unlock(KUBECTL_TARGET)}`,
      reason: 'Forbidden',
    }]), 'Deny', 'labels.deletion-protection.orkestra.io (rules protection-label, missing-old-object)'),
    planned('orkestra-deletion-protection-evictions', {
      ...spec(p.failurePolicy, [core(['CREATE'], ['pods/eviction'], 'Namespaced')], {}, notGateway, [{
        // One evaluation per protected Pod of the namespace; none means nothing to protect (Allow below).
        expression: `params == null || params.metadata.name != ${NAME}`,
        message: `evicting this Pod is denied by deletion protection: ${carries}`,
        messageExpression: `'evicting Pod "' + ${NAME} + '" in namespace "' + ${NAMESPACE} + '"' + ${text(` is denied by deletion protection: ${carries} To unlock: `)} + ${unlock(`'pod ' + ${NAME} + ' -n ' + ${NAMESPACE}`)}`,
        reason: 'Forbidden',
      }]),
      paramKind: { apiVersion: 'v1', kind: 'Pod' },
    }, 'Deny', 'evictions.deletion-protection.orkestra.io (rule protection-label on pods/eviction)', { selector: LABELLED, parameterNotFoundAction: 'Allow' }),
  ];
  if (p.protectedCrds.length > 0) {
    const names = p.protectedCrds.map((c) => c.name);
    const crdRule: NamedRuleWithOperations = { ...rule(['DELETE'], ['apiextensions.k8s.io'], ['customresourcedefinitions'], 'Cluster'), apiVersions: ['v1'], resourceNames: names };
    out.push(planned('orkestra-deletion-protection-crds', spec(p.failurePolicy, [crdRule], {}, {}, [{
      expression: `!(${NAME} in ${celStringList(names)})`,
      message: `deleting this CustomResourceDefinition is denied by deletion protection: it defines custom resources of Katalog "${p.katalog}", and deleting it would delete all of them. To unlock, set deletionProtection.protectCRD: false for it in the Katalog.`,
      reason: 'Forbidden',
    }]), 'Deny', 'crds.deletion-protection.orkestra.io (rule protected-crd)'));
  }
  if (p.protectedResources.length > 0) {
    out.push(planned('orkestra-deletion-protection-custom-resources', spec(p.failurePolicy, exactRules(['DELETE'], p.protectedResources), {}, notGateway, [{
      expression: 'false',
      message: `deleting this object is denied by deletion protection: every object of its kind in Katalog "${p.katalog}" is protected (deletionProtection.protectCRs). To unlock, set protectCRs: false for its CRD in the Katalog.`,
      messageExpression: `'deleting ' + ${DESCRIBE_TARGET} + ${text(` is denied by deletion protection: every object of its kind in Katalog "${p.katalog}" is protected (deletionProtection.protectCRs). To unlock, set protectCRs: false for its CRD in the Katalog.`)}`,
      reason: 'Forbidden',
    }]), 'Deny', 'custom-resources.deletion-protection.orkestra.io (rule protected-custom-resource)'));
  }
  if (p.strictMode) {
    // As the webhook: every resource and subresource, objects labelled before or after, and only
    // updates that take the label away leave the match conditions.
    const strictRules = [rule(['UPDATE'], ALL, ['*/*'], '*')];
    const takenAway = [{ name: 'label-taken-away', expression: `!${labelIsTrue('object', PROTECTION_LABEL)}` }, { name: 'was-protected', expression: labelIsTrue('oldObject', PROTECTION_LABEL) }];
    const exempt = labelIsTrue('oldObject', STRICT_EXEMPT_LABEL);
    const through = `(${SUBRESOURCE} != '' ? ' through its ' + ${SUBRESOURCE} + ' subresource' : '')`;
    out.push(planned('orkestra-deletion-protection-strict-mode', { ...spec(p.failurePolicy, strictRules, LABELLED, notGateway, [{
      expression: exempt,
      message: `taking the label ${PROTECTION_LABEL} away is denied by strict mode: it counts as a deletion attempt. To unlock, first mark the object exempt with the label ${STRICT_EXEMPT_LABEL}=true, then remove the protection label.`,
      messageExpression: `${text(`taking the label ${PROTECTION_LABEL} away from `)} + ${DESCRIBE_TARGET} + ${through} + ${text(' is denied by strict mode: taking protection away counts as a deletion attempt. To unlock, first mark the object exempt: kubectl label ')} + ${KUBECTL_TARGET} + ${text(` ${STRICT_EXEMPT_LABEL}=true, then remove the protection label.`)}`,
      reason: 'Forbidden',
    }]), matchConditions: takenAway }, 'Deny', 'strict-mode.deletion-protection.orkestra.io (rule strict-mode)'));
    out.push(planned('orkestra-deletion-protection-strict-mode-exempt', { ...spec(p.failurePolicy, strictRules, LABELLED, notGateway, [{
      expression: `!${exempt}`,
      message: `deletion protection was removed (the object carries ${STRICT_EXEMPT_LABEL}: "true")`,
      messageExpression: `'deletion protection of ' + ${DESCRIBE_TARGET} + ${text(` was removed (it carries ${STRICT_EXEMPT_LABEL}: "true")`)}`,
      reason: 'Forbidden',
    }]), matchConditions: takenAway }, 'Warn', 'strict-mode.deletion-protection.orkestra.io (rule strict-mode-exempt: allowed with a warning)'));
  }
  return out;
}

/** Namespace protection as policies, each decided as decideNamespaceProtection decides it (spec/gateway.md §3). */
export function planNamespacePolicies(p: NamespacePolicy): PlannedPolicy[] {
  const restricted = celStringList(p.restrictedNamespaces);
  const restrictedSelector: LabelSelector = { matchExpressions: [{ key: NAMESPACE_NAME_LABEL, operator: 'In', values: p.restrictedNamespaces }] };
  const out: PlannedPolicy[] = [
    planned('orkestra-namespace-protection-namespaces', spec(p.failurePolicy, [{ ...core(['DELETE'], ['namespaces'], 'Cluster'), resourceNames: p.restrictedNamespaces }], {}, {}, [{
      expression: `!(${NAME} in ${restricted})`,
      message: `deleting this Namespace is denied by namespace protection: it is a restricted namespace (built in, or security.namespaceProtection.restrictedNamespaces of Katalog "${p.katalog}").`,
      messageExpression: `'deleting Namespace "' + ${NAME} + '"' + ${text(` is denied by namespace protection: it is a restricted namespace (`)} + (${NAME} in ${celStringList(BUILTIN_RESTRICTED_NAMESPACES)} ? 'built in: always restricted). It cannot be unlocked.' : ${text(`security.namespaceProtection.restrictedNamespaces of Katalog "${p.katalog}"). To unlock, remove it from restrictedNamespaces.`)})`,
      reason: 'Forbidden',
    }]), 'Deny', 'namespaces.namespace-protection.orkestra.io (rule restricted-namespace-delete)'),
  ];
  if (p.katalogResources.length > 0) {
    const allowed = p.allowedNamespaces.length > 0 ? ` && ${NAMESPACE} in ${celStringList(p.allowedNamespaces)}` : '';
    out.push(planned('orkestra-namespace-protection-placement', spec(p.failurePolicy, exactRules(['CREATE'], p.katalogResources), {}, {}, [{
      expression: `${NAMESPACE} == ${celString(p.gatewayNamespace)} || (!(${NAMESPACE} in ${restricted})${allowed})`,
      message: `creating this object here is denied by namespace protection: objects of Katalog "${p.katalog}" cannot be created in a restricted namespace${p.allowedNamespaces.length > 0 ? ` and only in ${p.allowedNamespaces.join(', ')}` : ''}.`,
      messageExpression: `'creating ' + ${DESCRIBE_TARGET} + ${text(` is denied by namespace protection: objects of Katalog "${p.katalog}" cannot be created in a restricted namespace${p.allowedNamespaces.length > 0 ? ` and may only be created in ${p.allowedNamespaces.join(', ')} (security.namespaceProtection.allowedNamespaces)` : ''}.`)}`,
      reason: 'Forbidden',
    }]), 'Deny', 'placement.namespace-protection.orkestra.io (rules restricted-namespace-create, namespace-not-allowed)'));
  }
  if (p.protectWrites) {
    out.push(planned('orkestra-namespace-protection-writes', spec(p.failurePolicy, [rule(['CREATE', 'UPDATE', 'DELETE'], ALL, ALL, 'Namespaced')], {}, restrictedSelector, [{
      expression: systemIdentity(p.gatewayNamespace),
      message: 'writing in this restricted namespace is denied by namespace protection: security.namespaceProtection.protectWrites is on, so only system identities may write in it.',
      messageExpression: `(request.operation == 'CREATE' ? 'creating ' : request.operation == 'UPDATE' ? 'updating ' : 'deleting ') + ${DESCRIBE_TARGET} + ' as "' + ${USERNAME} + '"' + ${text(` is denied by namespace protection: the namespace is restricted and security.namespaceProtection.protectWrites is on, so only system identities (control-plane components, nodes, service accounts of ${BUILTIN_RESTRICTED_NAMESPACES.join(', ')} or of the namespace) may write in it.`)}`,
      reason: 'Forbidden',
    }]), 'Deny', 'writes.namespace-protection.orkestra.io (rules restricted-namespace-write, system-identity)'));
  }
  return out;
}

/** isSystemIdentity in CEL: members of system:nodes, service accounts of system namespaces or of the request's, `system:` users that are not service accounts. */
function systemIdentity(gatewayNamespace: string): string {
  const user = USERNAME;
  const sa = [...BUILTIN_RESTRICTED_NAMESPACES, gatewayNamespace].map((n) => celString(`system:serviceaccount:${n}:`));
  return [
    "(has(request.userInfo.groups) && 'system:nodes' in request.userInfo.groups)",
    `(${user}.matches('^system:serviceaccount:[^:]+:[^:]+$') ? ([${sa.join(', ')}].exists(p, ${user}.startsWith(p)) || ${user}.startsWith('system:serviceaccount:' + ${NAMESPACE} + ':')) : (${user}.startsWith('system:') && !${user}.startsWith('system:serviceaccount')))`,
  ].join(' || ');
}

function spec(failurePolicy: 'Fail' | 'Ignore', resourceRules: readonly NamedRuleWithOperations[], objectSelector: LabelSelector, namespaceSelector: LabelSelector,
              validations: ValidatingAdmissionPolicy['spec']['validations']): ValidatingAdmissionPolicy['spec'] {
  return { failurePolicy, matchConstraints: { resourceRules, objectSelector, namespaceSelector, matchPolicy: 'Equivalent' }, validations };
}

/** A rule on core resources, which are served as v1 only. */
function core(operations: RuleWithOperations['operations'], resources: string[], scope: RuleWithOperations['scope']): RuleWithOperations {
  return { ...rule(operations, [''], resources, scope), apiVersions: ['v1'] };
}

/** One rule per Katalog resource: its group, served versions and scope exactly (sorted, so the plan is stable). */
export function exactRules(operations: RuleWithOperations['operations'], kinds: readonly KatalogResource[]): RuleWithOperations[] {
  return [...kinds].sort((a, b) => `${a.group}/${a.resource}`.localeCompare(`${b.group}/${b.resource}`))
    .map((k) => ({ operations, apiGroups: [k.group], apiVersions: [...(k.versions ?? ['*'])], resources: [k.resource], scope: k.scope }));
}

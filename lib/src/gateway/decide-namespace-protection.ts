import { allow, deny, describeTarget, type AdmissionDecision } from './admission-decision.ts';
import type { AdmissionRequest } from './admission-request.ts';
import { inGatewayNamespace } from './decide-deletion-protection.ts';
import type { NamespacePolicy } from './gateway-policy.ts';
import { BUILTIN_RESTRICTED_NAMESPACES } from './names.ts';

/** Service accounts of these namespaces run the control plane's controllers. */
const SYSTEM_SERVICE_ACCOUNT_NAMESPACES: readonly string[] = BUILTIN_RESTRICTED_NAMESPACES;

/**
 * Decides a request sent to the namespace-protection webhooks (spec/gateway.md §3): restricted
 * namespaces cannot be deleted; the Katalog's CRs cannot be created in a restricted namespace or
 * outside the allowed ones; with protectWrites, writes inside a restricted namespace are denied
 * unless a system identity makes them. The gateway's namespace is never blocked.
 */
export function decideNamespaceProtection(request: AdmissionRequest, policy: NamespacePolicy): AdmissionDecision {
  if (inGatewayNamespace(request, policy.gatewayNamespace)) return allow('gateway-namespace');
  const r = request.resource;
  const restricted = new Set(policy.restrictedNamespaces);
  if (r.group === '' && r.resource === 'namespaces' && request.operation === 'DELETE') {
    const name = request.name ?? '';
    if (!restricted.has(name)) return allow('none');
    return deny('restricted-namespace-delete', `deleting Namespace "${name}" is denied by namespace protection: it is a restricted namespace (${restrictedBy(name, policy)}). ${unlockRestricted(name, policy)}`);
  }
  const ns = request.namespace ?? '';
  const katalogKind = policy.katalogResources.find((k) => k.group === r.group && k.resource === r.resource);
  if (katalogKind && request.operation === 'CREATE' && ns !== '') {
    if (restricted.has(ns)) {
      return deny('restricted-namespace-create', `creating ${describeTarget(request)} is denied by namespace protection: ${katalogKind.kind} objects of Katalog "${policy.katalog}" cannot be created in the restricted namespace "${ns}" (${restrictedBy(ns, policy)}). Create it in another namespace${allowedHint(policy)}.`);
    }
    if (policy.allowedNamespaces.length > 0 && !policy.allowedNamespaces.includes(ns)) {
      return deny('namespace-not-allowed', `creating ${describeTarget(request)} is denied by namespace protection: ${katalogKind.kind} objects of Katalog "${policy.katalog}" may only be created in ${policy.allowedNamespaces.map((n) => `"${n}"`).join(', ')} (security.namespaceProtection.allowedNamespaces). Create it there, or add "${ns}" to allowedNamespaces and restart the gateway.`);
    }
  }
  if (policy.protectWrites && restricted.has(ns) && (request.operation === 'CREATE' || request.operation === 'UPDATE' || request.operation === 'DELETE')) {
    if (isSystemIdentity(request, policy)) return allow('system-identity');
    const verb = request.operation === 'CREATE' ? 'creating' : request.operation === 'UPDATE' ? 'updating' : 'deleting';
    return deny('restricted-namespace-write', `${verb} ${describeTarget(request)} as "${request.userInfo.username ?? ''}" is denied by namespace protection: "${ns}" is a restricted namespace and security.namespaceProtection.protectWrites is on, so only system identities (control-plane components, nodes, service accounts of ${SYSTEM_SERVICE_ACCOUNT_NAMESPACES.join(', ')} or of "${ns}") may write in it. ${unlockRestricted(ns, policy, 'or set protectWrites: false')}`);
  }
  return allow('none');
}

/**
 * Control-plane components (`system:` users other than service accounts, such as
 * `system:kube-controller-manager` and `system:node:<name>`), members of `system:nodes`, and the
 * service accounts of the built-in namespaces, the gateway's namespace and the request's namespace.
 * `system:masters` is not exempt: it is how people reach cluster-admin.
 */
export function isSystemIdentity(request: AdmissionRequest, policy: Pick<NamespacePolicy, 'gatewayNamespace'>): boolean {
  const user = request.userInfo.username ?? '';
  if ((request.userInfo.groups ?? []).includes('system:nodes')) return true;
  const sa = /^system:serviceaccount:([^:]+):[^:]+$/.exec(user);
  if (sa) {
    const ns = sa[1]!;
    return SYSTEM_SERVICE_ACCOUNT_NAMESPACES.includes(ns) || ns === policy.gatewayNamespace || ns === request.namespace;
  }
  return user.startsWith('system:') && !user.startsWith('system:serviceaccount');
}

function restrictedBy(ns: string, policy: NamespacePolicy): string {
  return BUILTIN_RESTRICTED_NAMESPACES.includes(ns)
    ? 'built in: always restricted'
    : `security.namespaceProtection.restrictedNamespaces of Katalog "${policy.katalog}"`;
}

function unlockRestricted(ns: string, policy: NamespacePolicy, alternative = ''): string {
  if (BUILTIN_RESTRICTED_NAMESPACES.includes(ns)) {
    return alternative ? `To unlock, ${alternative.replace(/^or /, '')} in security.namespaceProtection and restart the gateway.` : 'It cannot be unlocked.';
  }
  return `To unlock, remove "${ns}" from security.namespaceProtection.restrictedNamespaces of Katalog "${policy.katalog}"${alternative ? ` ${alternative}` : ''} and restart the gateway.`;
}

function allowedHint(policy: NamespacePolicy): string {
  return policy.allowedNamespaces.length > 0 ? ` (allowed: ${policy.allowedNamespaces.join(', ')})` : '';
}

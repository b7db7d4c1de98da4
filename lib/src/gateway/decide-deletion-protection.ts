import { allow, deny, describeTarget, kubectlTarget, labelOf, type AdmissionDecision } from './admission-decision.ts';
import type { AdmissionRequest } from './admission-request.ts';
import type { DeletionPolicy } from './gateway-policy.ts';
import { PROTECTION_LABEL, STRICT_EXEMPT_LABEL } from './names.ts';

const NAMESPACE_CONTROLLER = 'system:serviceaccount:kube-system:namespace-controller';

/**
 * Decides a request sent to the deletion-protection webhooks (spec/gateway.md §2).
 * DELETE reads labels from `oldObject` (on DELETE `object` is null); the API server admits a
 * deletecollection one object at a time, so each item arrives here with its name. In strict mode
 * an UPDATE that takes `orkestra.io/deletion-protection: "true"` away is a deletion attempt.
 */
export function decideDeletionProtection(request: AdmissionRequest, policy: DeletionPolicy): AdmissionDecision {
  if (inGatewayNamespace(request, policy.gatewayNamespace)) return allow('gateway-namespace');
  if (request.operation === 'DELETE') return decideDelete(request, policy);
  if (request.operation === 'UPDATE' && policy.strictMode && request.subResource === undefined) return decideStrictUpdate(request);
  return allow('none');
}

function decideDelete(request: AdmissionRequest, policy: DeletionPolicy): AdmissionDecision {
  const r = request.resource;
  if (r.group === 'apiextensions.k8s.io' && r.resource === 'customresourcedefinitions') {
    const hit = policy.protectedCrds.find((c) => c.name === request.name);
    if (hit) {
      return deny('protected-crd', `deleting CustomResourceDefinition "${hit.name}" is denied by deletion protection: it defines custom resources of Katalog "${policy.katalog}" (spec.crds.${hit.crd}), and deleting it would delete all of them. To unlock, set spec.crds.${hit.crd}.deletionProtection.protectCRD: false in the Katalog and restart the gateway.`);
    }
  }
  const kind = policy.protectedResources.find((p) => p.group === r.group && p.resource === r.resource);
  if (kind) {
    const what = request.name ? describeTarget(request) : `a collection of ${kind.kind} objects${request.namespace ? ` in namespace "${request.namespace}"` : ''}`;
    return deny('protected-custom-resource', `deleting ${what} is denied by deletion protection: every ${kind.kind} of Katalog "${policy.katalog}" is protected (spec.crds.${kind.crd}.deletionProtection.protectCRs). To unlock, set spec.crds.${kind.crd}.deletionProtection.protectCRs: false in the Katalog and restart the gateway.`);
  }
  if (!request.oldObject) {
    // Only a protected object matches the webhook's objectSelector, and the API server always sends
    // it as oldObject (since 1.15). A review without one cannot be checked, so it fails closed.
    return deny('missing-old-object', `deleting ${describeTarget(request)} is denied by deletion protection: the review carries no oldObject, so the ${PROTECTION_LABEL} label cannot be checked. Delete objects one by one by name.`);
  }
  if (labelOf(request, 'oldObject', PROTECTION_LABEL) !== 'true') return allow('none');
  const unlock = policy.strictMode
    ? `kubectl label ${kubectlTarget(request)} ${STRICT_EXEMPT_LABEL}=true, then kubectl label ${kubectlTarget(request)} ${PROTECTION_LABEL}-`
    : `kubectl label ${kubectlTarget(request)} ${PROTECTION_LABEL}-`;
  const stuck = request.userInfo.username === NAMESPACE_CONTROLLER
    ? ` Its namespace is being deleted and stays Terminating until this object is unlocked.`
    : '';
  return deny('protection-label', `deleting ${describeTarget(request)} is denied by deletion protection: it carries the label ${PROTECTION_LABEL}: "true".${stuck} To unlock: ${unlock}`);
}

function decideStrictUpdate(request: AdmissionRequest): AdmissionDecision {
  if (labelOf(request, 'oldObject', PROTECTION_LABEL) !== 'true') return allow('none');
  const next = labelOf(request, 'object', PROTECTION_LABEL);
  if (next === 'true') return allow('none');
  const change = next === undefined
    ? `removing the label ${PROTECTION_LABEL} from ${describeTarget(request)}`
    : `changing the label ${PROTECTION_LABEL} of ${describeTarget(request)} to "${next}"`;
  if (labelOf(request, 'oldObject', STRICT_EXEMPT_LABEL) === 'true') {
    return allow('strict-mode-exempt', [`deletion protection of ${describeTarget(request)} was removed (it carries ${STRICT_EXEMPT_LABEL}: "true")`]);
  }
  return deny('strict-mode', `${change} is denied by strict mode: taking protection away counts as a deletion attempt. To unlock, first mark the object exempt: kubectl label ${kubectlTarget(request)} ${STRICT_EXEMPT_LABEL}=true, then remove the protection label.`);
}

/** True for objects in the gateway's namespace and for that Namespace itself: never blocked. */
export function inGatewayNamespace(request: AdmissionRequest, gatewayNamespace: string): boolean {
  if (request.namespace === gatewayNamespace) return true;
  return request.resource.group === '' && request.resource.resource === 'namespaces' && request.name === gatewayNamespace;
}

import { allow, deny, describeTarget, kubectlTarget, labelOf, type AdmissionDecision } from './admission-decision.ts';
import type { AdmissionRequest } from './admission-request.ts';
import type { DeletionPolicy } from './gateway-policy.ts';
import { decideUndecided } from './decide-undecided.ts';
import { PROTECTION_LABEL, STRICT_EXEMPT_LABEL } from './names.ts';

const NAMESPACE_CONTROLLER = 'system:serviceaccount:kube-system:namespace-controller';

/** The Pod an eviction names, as the gateway read it from the API server. */
export type PodLookup =
  | { readonly type: 'found'; readonly labels: Readonly<Record<string, string>> }
  | { readonly type: 'not-found' }
  | { readonly type: 'failed'; readonly message: string };

/**
 * The Pod a `pods/eviction` CREATE names, which the app must read before deciding; undefined for
 * every other request. The review carries only the Eviction (no labels of the Pod), and the API
 * server deletes an evicted Pod without calling the DELETE webhooks, so this is the only check.
 */
export function evictionTarget(request: AdmissionRequest): { readonly namespace: string; readonly name: string } | undefined {
  if (!isEviction(request) || !request.namespace || !request.name) return undefined;
  return { namespace: request.namespace, name: request.name };
}

/**
 * Decides a request sent to the deletion-protection webhooks (spec/gateway.md §2).
 * DELETE reads labels from `oldObject` (on DELETE `object` is null); the API server admits a
 * deletecollection one object at a time, so each item arrives here with its name. An eviction is
 * decided on the Pod the app read (`pod`, see evictionTarget). In strict mode an UPDATE that takes
 * `orkestra.io/deletion-protection: "true"` away is a deletion attempt, through the object or any
 * of its subresources (`status` can change labels on Pods, Services, Namespaces and more).
 */
export function decideDeletionProtection(request: AdmissionRequest, policy: DeletionPolicy, pod?: PodLookup): AdmissionDecision {
  if (inGatewayNamespace(request, policy.gatewayNamespace)) return allow('gateway-namespace');
  if (request.operation === 'DELETE') return decideDelete(request, policy);
  if (isEviction(request)) return decideEviction(request, policy, pod);
  if (request.operation === 'UPDATE' && policy.strictMode) return decideStrictUpdate(request);
  return allow('none');
}

function isEviction(request: AdmissionRequest): boolean {
  const r = request.resource;
  return request.operation === 'CREATE' && r.group === '' && r.resource === 'pods' && request.subResource === 'eviction';
}

function decideEviction(request: AdmissionRequest, policy: DeletionPolicy, pod: PodLookup | undefined): AdmissionDecision {
  const target = `Pod "${request.name ?? ''}" in namespace "${request.namespace ?? ''}"`;
  // Nothing to evict: the API server answers 404 itself.
  if (pod?.type === 'not-found') return allow('none');
  if (pod === undefined || pod.type === 'failed') {
    const why = pod === undefined ? 'it names no Pod' : pod.message;
    return decideUndecided(policy.failurePolicy, 'deletion protection', 'lookup-failed', `cannot read ${target} to check its ${PROTECTION_LABEL} label (${why})`);
  }
  if (pod.labels[PROTECTION_LABEL] !== 'true') return allow('none');
  const kubectl = `pod ${request.name ?? '<name>'} -n ${request.namespace ?? '<namespace>'}`;
  const unlock = policy.strictMode
    ? `kubectl label ${kubectl} ${STRICT_EXEMPT_LABEL}=true, then kubectl label ${kubectl} ${PROTECTION_LABEL}-`
    : `kubectl label ${kubectl} ${PROTECTION_LABEL}-`;
  return deny('protection-label', `evicting ${target} is denied by deletion protection: it carries the label ${PROTECTION_LABEL}: "true". To unlock: ${unlock}`);
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
  const through = request.subResource ? ` through its ${request.subResource} subresource` : '';
  const change = next === undefined
    ? `removing the label ${PROTECTION_LABEL} from ${describeTarget(request)}${through}`
    : `changing the label ${PROTECTION_LABEL} of ${describeTarget(request)} to "${next}"${through}`;
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

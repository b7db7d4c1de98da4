// CEL fragments over a ValidatingAdmissionPolicy's `request`, `object` and `oldObject` that the
// protection policies share. Each mirrors a helper of lib/gateway (named beside it), so a policy's
// message reads like the webhook's.
import { celString } from '../cel/cel-literal.ts';

/** The object's label `key` is exactly "true" (labelOf(request, which, key) === 'true'). */
export function labelIsTrue(obj: 'object' | 'oldObject', key: string): string {
  const k = celString(key);
  return `(${obj} != null && has(${obj}.metadata) && has(${obj}.metadata.labels) && ${k} in ${obj}.metadata.labels && ${obj}.metadata.labels[${k}] == 'true')`;
}

// A policy sees `request` as the AdmissionRequest's JSON: Go's omitempty leaves an empty name,
// namespace, subResource or username out, and reading an absent field is an error.
/** request.name, "" when absent (a collection, or a name still to be generated). */
export const NAME = "(has(request.name) ? request.name : '')";
/** request.namespace, "" for cluster-scoped objects. */
export const NAMESPACE = "(has(request.namespace) ? request.namespace : '')";
/** request.subResource, "" for the object itself. */
export const SUBRESOURCE = "(has(request.subResource) ? request.subResource : '')";
/** request.userInfo.username, "" when absent. */
export const USERNAME = "(has(request.userInfo.username) ? request.userInfo.username : '')";

const IS_NAMESPACE = "(request.resource.group == '' && request.resource.resource == 'namespaces')";
const IN_NAMESPACE = `(${NAMESPACE} != '' && !${IS_NAMESPACE} ? ' in namespace "' + ${NAMESPACE} + '"' : '')`;

/** describeTarget: `ConfigMap "web" in namespace "team-a"`. */
export const DESCRIBE_TARGET = `request.kind.kind + ' ' + (${NAME} != '' ? '"' + ${NAME} + '"' : '(collection)') + ${IN_NAMESPACE}`;

/** kubectlTarget: `configmaps web -n team-a`, `deployments.apps web -n team-a`. */
export const KUBECTL_TARGET = `(request.resource.group == '' ? request.resource.resource : request.resource.resource + '.' + request.resource.group) + ' ' + ${NAME} + (${NAMESPACE} != '' && !${IS_NAMESPACE} ? ' -n ' + ${NAMESPACE} : '')`;

/** A CEL string literal for fixed text inside a message expression. */
export function text(s: string): string {
  return celString(s);
}

// CEL fragments over a ValidatingAdmissionPolicy's `request`, `object` and `oldObject` that the
// protection policies share. Each mirrors a helper of lib/gateway (named beside it), so a policy's
// message reads like the webhook's.
import { celString } from '../cel/cel-literal.ts';

/** The object's label `key` is exactly "true" (labelOf(request, which, key) === 'true'). */
export function labelIsTrue(obj: 'object' | 'oldObject', key: string): string {
  const k = celString(key);
  return `(${obj} != null && has(${obj}.metadata) && has(${obj}.metadata.labels) && ${k} in ${obj}.metadata.labels && ${obj}.metadata.labels[${k}] == 'true')`;
}

const IS_NAMESPACE = "(request.resource.group == '' && request.resource.resource == 'namespaces')";
const IN_NAMESPACE = `(request.namespace != '' && !${IS_NAMESPACE} ? ' in namespace "' + request.namespace + '"' : '')`;

/** describeTarget: `ConfigMap "web" in namespace "team-a"`. */
export const DESCRIBE_TARGET = `request.kind.kind + ' ' + (request.name != '' ? '"' + request.name + '"' : '(collection)') + ${IN_NAMESPACE}`;

/** kubectlTarget: `configmaps web -n team-a`, `deployments.apps web -n team-a`. */
export const KUBECTL_TARGET = `(request.resource.group == '' ? request.resource.resource : request.resource.resource + '.' + request.resource.group) + ' ' + request.name + (request.namespace != '' && !${IS_NAMESPACE} ? ' -n ' + request.namespace : '')`;

/** A CEL string literal for fixed text inside a message expression. */
export function text(s: string): string {
  return celString(s);
}

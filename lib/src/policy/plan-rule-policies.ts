import type { CompiledRule } from '../cel/compile-rules.ts';
import { celString } from '../cel/cel-literal.ts';
import type { CrdEntry } from '../katalog/model.ts';
import { servedVersions } from '../katalog/crd-versions.ts';
import { planned, type PlannedPolicy } from './vap-model.ts';
import { NAME, NAMESPACE } from './cel-request.ts';

/**
 * A CRD's compiled validation rules as policies: one whose binding denies (the `deny` rules) and
 * one whose binding warns (the `warn` rules), each checking the operations the CRD's webhooks
 * list, on the object as it would be stored (on DELETE, the object being deleted: `target`).
 * The API server runs policies after every mutating webhook, so they see the defaults the
 * gateway's `/mutate` filled in, as the `/validate` webhook does.
 */
export function planRulePolicies(crd: CrdEntry, compiled: readonly CompiledRule[], failurePolicy: 'Fail' | 'Ignore'): PlannedPolicy[] {
  const out: PlannedPolicy[] = [];
  for (const action of ['deny', 'warn'] as const) {
    const rules = compiled.filter((c) => c.rule.action === action);
    if (rules.length === 0) continue;
    const name = `orkestra-rules${action === 'warn' ? '-warn' : ''}.${crd.plural}.${crd.group}`;
    // As the webhook names it: a name still to be generated shows its prefix.
    const shown = `(${NAME} != '' ? ${NAME} : object != null && has(object.metadata.generateName) ? object.metadata.generateName + '<generated>' : '')`;
    const target = `${celString(crd.kind)} + (${shown} != '' ? ' "' + ${shown} + '"' : '') + (${NAMESPACE} != '' ? ' in namespace "' + ${NAMESPACE} + '"' : '')`;
    out.push(planned(name, {
      failurePolicy,
      matchConstraints: {
        resourceRules: [{ operations: crd.admission.webhooks.operations, apiGroups: [crd.group], apiVersions: servedVersions(crd), resources: [crd.plural], scope: crd.scope }],
        objectSelector: {}, namespaceSelector: {}, matchPolicy: 'Equivalent',
      },
      variables: [{ name: 'target', expression: "request.operation == 'DELETE' ? oldObject : object" }],
      validations: rules.map((c) => ({
        expression: c.expression,
        message: `${crd.kind} is refused by a validation rule of the Katalog: field ${c.rule.check.field.text}: ${c.rule.message}`,
        messageExpression: `${target} + ${celString(` is refused by a validation rule of the Katalog: field ${c.rule.check.field.text}: ${c.rule.message}`)}`,
        reason: 'Forbidden' as const,
      })),
    }, action === 'deny' ? 'Deny' : 'Warn', `validate.orkestra.orkspace.io for ${crd.plural}.${crd.group} (${rules.length} ${action} rule${rules.length === 1 ? '' : 's'}: ${rules.map((r) => r.rule.index).join(', ')})`));
  }
  return out;
}

// The `/validate` and `/mutate` webhooks (issue 15, spec/gateway.md §6): lib/admission decides, this
// file turns its verdict into the AdmissionDecision the API server reads.
import { decideRules, type Verdict } from '../admission/decide-rules.ts';
import { denialMessage, warningText } from '../admission/describe-verdict.ts';
import { allow, type AdmissionDecision } from './admission-decision.ts';
import type { AdmissionRequest } from './admission-request.ts';
import type { RuleResource, RulesPolicy } from './gateway-policy.ts';

/** The Katalog CRD a review is about, or undefined for anything else (and for subresources, which carry no spec of theirs). */
export function ruleResourceOf(request: AdmissionRequest, policy: RulesPolicy): RuleResource | undefined {
  if (request.subResource) return undefined;
  return policy.crds.find((c) => c.group === request.resource.group && c.resource === request.resource.resource);
}

/** Decides a review sent to `/validate`: every broken deny rule in one denial, broken warn rules as warnings. */
export function decideValidation(request: AdmissionRequest, policy: RulesPolicy): AdmissionDecision {
  const crd = ruleResourceOf(request, policy);
  if (!crd) return allow('not-katalog');
  const verdict = decideRules(crd.rules, subjectOf(request), { mutate: false, validate: true });
  const warnings = verdict.warnings.map(warningText);
  if (verdict.allowed) return allow(warnings.length > 0 ? 'validation-rules' : 'none', warnings);
  const name = request.name || nameOf(request.object);
  return {
    allowed: false, rule: 'validation-rules', warnings,
    status: {
      code: 403, reason: 'Forbidden', message: denialMessage(targetOf(request, crd), verdict.violations),
      details: {
        ...(name ? { name } : {}), group: crd.group, kind: crd.resource,
        causes: verdict.violations.map((v) => ({ reason: 'FieldValueInvalid' as const, field: v.field, message: v.message })),
      },
    },
  };
}

/** Decides a review sent to `/mutate`: allowed, with the JSON Patch of the rules that apply; a rule that cannot apply is a warning. */
export function decideMutation(request: AdmissionRequest, policy: RulesPolicy): AdmissionDecision {
  const crd = ruleResourceOf(request, policy);
  if (!crd) return allow('not-katalog');
  const verdict: Verdict = decideRules(crd.rules, subjectOf(request), { mutate: true, validate: false });
  const warnings = verdict.mutations.flatMap((m) => (m.type === 'failed' ? [`orkestra: field ${m.field} was not set: ${m.reason}`] : []));
  if (verdict.patch.length === 0) return allow('none', warnings);
  return { allowed: true, rule: 'mutation-rules', warnings, patch: verdict.patch };
}

function subjectOf(request: AdmissionRequest) {
  return {
    operation: request.operation,
    ...(request.object ? { object: request.object as unknown } : {}),
    ...(request.oldObject ? { oldObject: request.oldObject as unknown } : {}),
  };
}

function nameOf(object: unknown): string | undefined {
  const m = (object as { metadata?: { name?: unknown } } | null | undefined)?.metadata;
  return typeof m?.name === 'string' && m.name !== '' ? m.name : undefined;
}

/** How a message names the object: `Website "web" in namespace "team-a"` (a generated name shows its prefix). */
function targetOf(request: AdmissionRequest, crd: RuleResource): string {
  const object = (request.object ?? request.oldObject) as { metadata?: { generateName?: unknown } } | undefined;
  const generated = typeof object?.metadata?.generateName === 'string' ? `${object.metadata.generateName}<generated>` : undefined;
  const name = request.name || nameOf(request.object) || generated;
  return `${crd.kind}${name ? ` "${name}"` : ''}${request.namespace ? ` in namespace "${request.namespace}"` : ''}`;
}

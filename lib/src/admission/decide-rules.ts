import type { ConditionContext } from '../conditions/condition-model.ts';
import { applyMutation, type MutationOutcome } from './apply-mutation.ts';
import { checkValidation, type Violation } from './check-validation.ts';
import type { PatchOperation } from './json-patch.ts';
import type { AdmissionRules, Operation } from './rule-model.ts';
import { ruleScope, type RuleSubject } from './rule-scope.ts';

/**
 * The verdict of a CRD's rules on one request, as data (DESIGN §12): denied when a `deny` rule
 * is broken; `warnings` are the broken `warn` rules; `patch` is the mutation's JSON Patch.
 */
export interface Verdict {
  readonly allowed: boolean;
  /** Broken `deny` rules, in rule order. */
  readonly violations: readonly Violation[];
  /** Broken `warn` rules, in rule order. */
  readonly warnings: readonly Violation[];
  readonly patch: readonly PatchOperation[];
  /** What each mutation rule did (empty when mutation did not run). */
  readonly mutations: readonly MutationOutcome[];
  /** The object after mutation (the object itself when mutation did not run); absent on DELETE. */
  readonly object?: unknown;
}

/** Which halves run: the mutating webhook mutates, the validating one validates, `ork admit` and the runtime do both. */
export interface Steps {
  readonly mutate: boolean;
  readonly validate: boolean;
}

/**
 * Decides a request with a CRD's rules: mutation first (on CREATE and UPDATE), then validation on
 * the mutated object (on DELETE, on the object being deleted). An operation the CRD's `webhooks`
 * do not list is allowed untouched, as the webhook would never see it. `steps` also respects the
 * CRD's `webhooks.validation`/`webhooks.mutation` switches unless `ignoreSwitches` (reconcile,
 * where the rules hold whatever reaches the cluster).
 */
export function decideRules(rules: AdmissionRules, subject: RuleSubject, steps: Steps, options: { readonly context?: ConditionContext; readonly ignoreSwitches?: boolean } = {}): Verdict {
  const seen = options.ignoreSwitches || rules.webhooks.operations.includes(subject.operation as Operation);
  const mutate = steps.mutate && seen && (options.ignoreSwitches || rules.webhooks.mutation) && subject.operation !== 'DELETE' && subject.object !== undefined;
  const validate = steps.validate && seen && (options.ignoreSwitches || rules.webhooks.validation);
  const mutated = mutate ? applyMutation(rules.mutation, subject.object, subject.oldObject) : undefined;
  const object = mutated ? mutated.object : subject.object;
  const target = subject.operation === 'DELETE' ? subject.oldObject : object;
  const broken = validate ? checkValidation(rules.validation, ruleScope(target, subject.oldObject), options.context) : [];
  const violations = broken.filter((v) => v.action === 'deny');
  return {
    allowed: violations.length === 0,
    violations,
    warnings: broken.filter((v) => v.action === 'warn'),
    patch: mutated?.patch ?? [],
    mutations: mutated?.outcomes ?? [],
    ...(object !== undefined ? { object } : {}),
  };
}

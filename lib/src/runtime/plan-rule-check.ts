// The reconcile-time rule check (issue 15, spec/runtime.md): a custom resource that slipped past
// admission (the webhook was down with failurePolicy Ignore, or the CR predates the rule) is held
// here: Ready=False with every violation, a Warning Event, and no child write. One small step
// before planReconcile, on the same lib/admission meaning the gateway uses.
import { decideRules } from '../admission/decide-rules.ts';
import { denialMessage, describeViolation } from '../admission/describe-verdict.ts';
import type { ConditionState } from './decide-readiness.ts';
import { truncateNote } from './plan-deletion.ts';
import { planStatusPatch } from './plan-status.ts';
import type { Effect, ReconcileInput, ReconcilePlan } from './reconcile-types.ts';

/** What the check found: go on (with the warnings of broken warn rules), or the plan that holds the CR. */
export type RuleCheck =
  | { readonly type: 'pass'; readonly warnings: readonly string[] }
  | { readonly type: 'denied'; readonly plan: ReconcilePlan; readonly message: string; readonly warnings: readonly string[] };

/**
 * Checks the CR against its CRD's validation rules, on the CR as the mutation rules would leave it
 * (a CR created while the mutating webhook was off is not refused for a default it would have
 * got), whatever the webhook switches say. A CR being deleted always passes: its deletion must run.
 * A denial is not a failure: no backoff, no requeue until the CR changes (the reference's rule);
 * its status and Event are written only when the message changes.
 */
export function planRuleCheck(input: Pick<ReconcileInput, 'crd' | 'cr' | 'nowMs' | 'peers'>): RuleCheck {
  const { crd, cr } = input;
  if (cr.metadata.deletionTimestamp || crd.admission.validation.length === 0) return { type: 'pass', warnings: [] };
  const verdict = decideRules(crd.admission, { operation: 'UPDATE', object: cr }, { mutate: true, validate: true }, { ignoreSwitches: true, ...(input.peers ? { context: { peers: input.peers } } : {}) });
  const warnings = verdict.warnings.map(describeViolation);
  if (verdict.allowed) return { type: 'pass', warnings };
  const message = denialMessage(`${crd.kind} "${cr.metadata.name}"`, verdict.violations);
  // Nothing was applied: Applied says so with the same reason, as a failed reconcile's pair does.
  const conditions: ConditionState[] = [
    { type: 'Ready', status: 'False', reason: 'ValidationFailed', message },
    { type: 'Applied', status: 'False', reason: 'ValidationFailed', message },
  ];
  const status = planStatusPatch(crd, cr, conditions, [], input.nowMs);
  const effects: Effect[] = status
    ? [
      { type: 'patchStatus', status, ...(crd.status.conditions ? { ready: { status: 'False', reason: 'ValidationFailed' } } : {}) },
      { type: 'event', eventType: 'Warning', reason: 'ValidationFailed', action: 'Validate', note: truncateNote(message) },
    ]
    : [];
  return { type: 'denied', plan: { effects, outcome: { type: 'done' } }, message, warnings };
}

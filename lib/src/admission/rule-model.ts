import type { Condition, ConditionScalar, ConditionSet } from '../conditions/condition-model.ts';
import type { ConditionValueType } from '../conditions/operators.ts';

/** An admission operation as the API server names it. */
export type Operation = 'CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT';

/** A validation rule: `check` must hold whenever `applies` does. */
export interface ValidationRule {
  /** Position in `validation.rules`, used in verdicts and policy names. */
  readonly index: number;
  /** The condition on the rule's field (its operator, shorthand, value, `valueType`, `negate`). */
  readonly check: Condition;
  readonly message: string;
  readonly action: 'deny' | 'warn';
  /** The rule's `when`/`or`: it is only checked when they hold. */
  readonly applies: ConditionSet;
  /** Document path of the rule, for diagnostics. */
  readonly at: readonly (string | number)[];
}

/** A mutation rule: sets `path` to `value` (when empty for `default`, always for `override`). */
export interface MutationRule {
  readonly index: number;
  /** The field as written (`spec.tier`). */
  readonly field: string;
  /** Its segments (`['spec', 'tier']`). */
  readonly path: readonly string[];
  readonly mode: 'default' | 'override';
  /** A literal or a template rendered against the object being mutated. */
  readonly value: ConditionScalar;
  /** How the value is typed before it is written; absent keeps the rendered type. */
  readonly valueType?: ConditionValueType;
  readonly applies: ConditionSet;
  readonly at: readonly (string | number)[];
}

/** Which admission webhooks see a CRD's custom resources (`webhooks:`, reference §1.20). */
export interface CrdWebhooks {
  /** Default: on when the CRD has validation rules. */
  readonly validation: boolean;
  /** Default: on when the CRD has mutation rules. */
  readonly mutation: boolean;
  /** Default: CREATE and UPDATE. */
  readonly operations: readonly Operation[];
}

/** A CRD's admission rules with every default applied. */
export interface AdmissionRules {
  readonly validation: readonly ValidationRule[];
  readonly mutation: readonly MutationRule[];
  readonly webhooks: CrdWebhooks;
}

/** No rules: what a CRD without validation, mutation or webhooks blocks has. */
export const NO_RULES: AdmissionRules = { validation: [], mutation: [], webhooks: { validation: false, mutation: false, operations: ['CREATE', 'UPDATE'] } };

/** The roots admission rules read: the object under review, and on UPDATE and DELETE the stored one. */
export const RULE_ROOTS: readonly string[] = ['metadata', 'spec', 'status', 'oldObject'];

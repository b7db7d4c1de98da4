import type { Template } from '../template/index.ts';
import type { ConditionValueType, Operator } from './operators.ts';

/** Where a condition reads its field: a dotted path into the scope, or a template rendered against it. */
export type FieldRef =
  | { readonly type: 'path'; readonly path: readonly string[]; readonly text: string }
  | { readonly type: 'template'; readonly template: Template; readonly text: string };

/** A value written in a condition; a template is rendered against the scope when evaluated. */
export type ConditionScalar =
  | { readonly type: 'literal'; readonly value: string | number | boolean }
  | { readonly type: 'template'; readonly template: Template };

/** What the operator compares with. */
export type ConditionOperand =
  | { readonly type: 'none' }
  | { readonly type: 'scalar'; readonly value: ConditionScalar }
  /** `in` / `notIn`: items as written (a YAML list or a comma-separated string, items trimmed). */
  | { readonly type: 'list'; readonly items: readonly ConditionScalar[] }
  /** `between` / `notBetween`, inclusive. */
  | { readonly type: 'range'; readonly min: number; readonly max: number }
  /** `typeOf`: map, slice, string, number, bool or null. */
  | { readonly type: 'type-name'; readonly name: string };

/** One condition, normalised from any of its written forms. */
export interface Condition {
  readonly field: FieldRef;
  readonly operator: Operator;
  readonly operand: ConditionOperand;
  /** Inverts the result. */
  readonly negate: boolean;
  /** How field and value are read before comparing; absent means automatically (text, or numbers for ordering). */
  readonly valueType?: ConditionValueType;
  /** The key that chose the operator as written (`greaterThan`, `operator`), for messages. */
  readonly written: string;
  /** Where the condition was written (a document path), when it was parsed from one. */
  readonly at?: readonly (string | number)[];
}

/** A `when` list (all must hold) and an `or` list (one must hold); both must hold, an empty list always does. */
export interface ConditionSet {
  readonly all: readonly Condition[];
  readonly any: readonly Condition[];
}

/** The empty set: always holds. */
export const ALWAYS: ConditionSet = { all: [], any: [] };

/** What conditions read: the custom resource's metadata, spec and status, and its children. */
export interface ConditionScope {
  readonly metadata?: unknown;
  readonly spec?: unknown;
  readonly status?: unknown;
  readonly children?: unknown;
}

/** What evaluation may need beyond the scope. */
export interface ConditionContext {
  /**
   * The other custom resources of the same CRD, for `unique`. Absent where they are not known
   * (the reference passes `unique` there too).
   */
  readonly peers?: readonly ConditionScope[];
}

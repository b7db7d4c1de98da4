import { textOf } from '../conditions/compare-values.ts';
import type { Violation } from './check-validation.ts';

/** Longest rendering of a value in a message; longer values are cut with `…`. */
export const MAX_GOT_CHARS = 80;

/** The value a rule got, for people: JSON for strings, maps and lists, plain for numbers and booleans, `nothing` when absent. */
export function describeGot(got: unknown): string {
  if (got === undefined || got === null) return 'nothing';
  const text = typeof got === 'string' ? JSON.stringify(got) : typeof got === 'object' ? JSON.stringify(got) : textOf(got);
  return text.length > MAX_GOT_CHARS ? `${text.slice(0, MAX_GOT_CHARS - 1)}…` : text;
}

/** One broken rule in a message: `field spec.replicas: at most 10 replicas (got: 20)`. */
export function describeViolation(v: Violation): string {
  return `field ${v.field}: ${v.message} (got: ${describeGot('got' in v ? v.got : undefined)})`;
}

/**
 * The denial message: what was refused and every broken `deny` rule, in one line so `kubectl`
 * prints it whole after `admission webhook "validate.orkestra.orkspace.io" denied the request:`.
 */
export function denialMessage(target: string, violations: readonly Violation[]): string {
  const n = violations.length;
  return `${target} is refused by ${n === 1 ? 'a validation rule' : `${n} validation rules`} of the Katalog: ${violations.map(describeViolation).join('; ')}`;
}

/** A warning line as `kubectl` prints it after `Warning: `. */
export function warningText(v: Violation): string {
  return `orkestra: ${describeViolation(v)}`;
}

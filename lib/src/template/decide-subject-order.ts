import type { Expr } from './ast.ts';

/**
 * Decides where the subject of a subject-taking function was written. The reference's notes put
 * the value worked on first (`default .spec.replicas 2`, `contains .spec.env "prod"`, `join
 * .spec.hosts ","`), as Go's strings package does; sprig and Helm put it last so it pipes
 * (`.spec.tier | default "web"`, `default "web" .spec.tier`). Both are written in Katalogs, and
 * the subject is recognisable from what is written:
 *
 * 1. a piped value is the subject (it arrives last);
 * 2. otherwise, when exactly one end of the argument list is a literal, the other end is the
 *    subject (a fallback, needle, separator or layout is nearly always a constant);
 * 3. otherwise (both ends literals, or both not) the reference's order: subject first.
 *
 * Returns true when the subject is the last argument.
 */
export function decideSubjectOrder(args: readonly Expr[], piped: boolean): boolean {
  if (piped) return true;
  const first = args[0];
  const last = args[args.length - 1];
  if (first === undefined || last === undefined || first === last) return false;
  const firstLiteral = first.type === 'literal';
  const lastLiteral = last.type === 'literal';
  return firstLiteral && !lastLiteral;
}

/** Puts evaluated arguments in subject-first order, the order every implementation takes. */
export function subjectFirst<T>(args: readonly T[], subjectLast: boolean | undefined): readonly T[] {
  if (!subjectLast || args.length < 2) return args;
  return [args[args.length - 1] as T, ...args.slice(0, -1)];
}

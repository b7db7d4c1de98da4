import type { ResultType, TemplateFunction } from './table.ts';

/** Builds a table entry; `subject` marks functions whose subject may come first or last. */
export function fn(signature: string, minArgs: number, maxArgs: number, result: ResultType,
  call: (args: readonly unknown[]) => unknown, subject = false): TemplateFunction {
  return subject ? { signature, minArgs, maxArgs, result, subject, call } : { signature, minArgs, maxArgs, result, call };
}

// Arguments are checked against minArgs/maxArgs at compile time, so a[i] below exists.
export const at = (args: readonly unknown[], i: number): unknown => args[i];

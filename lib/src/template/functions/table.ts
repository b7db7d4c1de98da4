import type { ValueType } from '../ast.ts';
import { CORE_FUNCTIONS } from './core-functions.ts';
import { NOTES_FUNCTIONS } from './notes-functions.ts';

/**
 * How a function's result type is known statically: a fixed type; `value-or-default`, the
 * subject's type falling back to the fallback's (`default`); `common`, the common type of all
 * arguments (`and`, `or`, `coalesce`); `branches`, the common type of the arguments after the
 * subject (`ternary`).
 */
export type ResultType = ValueType | 'value-or-default' | 'common' | 'branches';

/** A template function: its arity (the piped value counts), its result type and its implementation. */
export interface TemplateFunction {
  /** Usage as documented, subject first, e.g. `replace STRING OLD NEW`. */
  readonly signature: string;
  readonly minArgs: number;
  /** `Infinity` when variadic. */
  readonly maxArgs: number;
  readonly result: ResultType;
  /**
   * True when the function acts on a subject that may be written first (the reference's notes)
   * or last (sprig, or piped); `call` then receives its arguments subject first.
   */
  readonly subject?: boolean;
  /** Receives evaluated arguments; throws RenderError on bad input. */
  readonly call: (args: readonly unknown[]) => unknown;
}

/** Every function a template may call, by name. */
export const FUNCTIONS: ReadonlyMap<string, TemplateFunction> = new Map([...CORE_FUNCTIONS, ...NOTES_FUNCTIONS]);

/** Names of every template function, sorted. */
export function templateFunctionNames(): readonly string[] {
  return [...FUNCTIONS.keys()].sort();
}

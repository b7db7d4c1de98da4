// Issue 14 writes against the signature issue 12 gives this module; the lead keeps issue 12's
// version at merge. Patterns come from Katalogs and run on values any CR author controls, so they
// run on RE2 (re2js, pure JavaScript): matching time is linear in the input, where JavaScript's
// backtracking engine is exponential on patterns such as `^(a+)+$`.
import { RE2JS } from 're2js';

/** Compiles `pattern` with RE2 semantics; never throws. `test` finds a match anywhere in the string. */
export function compileSafeRegex(pattern: string): { ok: true; regex: { test(s: string): boolean } } | { ok: false; reason: string } {
  try {
    const compiled = RE2JS.compile(pattern);
    return { ok: true, regex: { test: (s: string) => compiled.test(s) } };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

import type { ConditionProblem } from '../conditions/condition-problem.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { makeDiagnostic } from '../diagnostics/make-diagnostic.ts';
import type { DocPath, Locator } from './locate.ts';

/** Positions condition problems (relative to `base`, the block holding `when`/`or`) in the document. */
export function conditionDiagnostics(problems: readonly ConditionProblem[], base: DocPath, locator: Locator): Diagnostic[] {
  return problems.map((p) => {
    const path = [...base, ...p.at];
    const place = p.offset !== undefined ? locator.inScalar(path, p.offset) : locator.at(path, p.target);
    return makeDiagnostic(p.code, place, p.message, p.hint !== undefined ? { hint: p.hint } : {});
  });
}

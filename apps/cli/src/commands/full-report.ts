import { planFullReport, planRbac, renderFullReport, type Diagnostic, type Katalog, type Place } from '@orkestra/lib';

/** The `--full` report as data (for -o json) and as text: every rule with its reason, startup order, installer needs. */
export function fullReport(katalog: Katalog, namespace: string, diagnostics: readonly Diagnostic[],
                           locate: (path: readonly (string | number)[]) => Place): { data: unknown; text: (color: boolean) => string } {
  const report = planFullReport(katalog, planRbac(katalog, { namespace, locate }), { diagnostics });
  return { data: report, text: (color) => renderFullReport(report, { color }) };
}

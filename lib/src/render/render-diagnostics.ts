import type { Diagnostic } from '../diagnostics/diagnostic.ts';

const COLORS = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m', dim: '\x1b[2m', reset: '\x1b[0m' } as const;

/**
 * Renders diagnostics as `file:line:col: error ORK1204: path: message` lines (the form editors and CI
 * annotators parse), each followed by an indented hint; ANSI colour only when asked.
 */
export function renderDiagnostics(diagnostics: readonly Diagnostic[], options: { readonly color?: boolean } = {}): string {
  const color = options.color ?? false;
  return diagnostics
    .map((d) => {
      const sev = color ? `${COLORS[d.severity]}${d.severity}${COLORS.reset}` : d.severity;
      const path = d.path ? `${d.path}: ` : '';
      const hint = d.hint ? `\n    ${color ? COLORS.dim : ''}hint: ${d.hint}${color ? COLORS.reset : ''}` : '';
      return `${d.file}:${d.line}:${d.column}: ${sev} ${d.code}: ${path}${d.message}${hint}\n`;
    })
    .join('');
}

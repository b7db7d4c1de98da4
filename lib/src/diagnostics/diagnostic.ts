/** How bad a diagnostic is: errors make the input invalid, warnings and infos never do. */
export type Severity = 'error' | 'warning' | 'info';

/**
 * One finding about an input, positioned so editors can jump to it.
 * Lines and columns are 1-based; `path` is the dotted path inside the document
 * (`spec.crds.website.apiTypes.group`), empty for document-level findings.
 */
export interface Diagnostic {
  readonly code: string;
  readonly severity: Severity;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly path: string;
  readonly message: string;
  readonly hint?: string;
}

/** True when at least one diagnostic is an error. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Orders diagnostics by file, position, then code, so output is stable across runs. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      compare(a.file, b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      compare(a.code, b.code) ||
      compare(a.message, b.message),
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

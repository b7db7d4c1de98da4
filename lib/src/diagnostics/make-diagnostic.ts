import type { Diagnostic, Severity } from './diagnostic.ts';
import { CODES, type Code } from './codes.ts';

/** Where a diagnostic points: file and 1-based line/column, plus the dotted document path. */
export interface Place {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly path: string;
}

/** Builds a diagnostic from the catalogue: severity and hint default to the code's entry. */
export function makeDiagnostic(
  code: Code,
  place: Place,
  message: string,
  options: { readonly hint?: string; readonly severity?: Severity } = {},
): Diagnostic {
  const info = CODES[code];
  return {
    code,
    severity: options.severity ?? info.severity,
    file: place.file,
    line: place.line,
    column: place.column,
    path: place.path,
    message,
    hint: options.hint ?? info.hint,
  };
}

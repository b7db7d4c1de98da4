import { escapeControl, renderDiagnostics, type Diagnostic } from '@orkestra/lib';

/** Formats diagnostics for the terminal (see renderDiagnostics in the lib). */
export function formatDiagnostics(diagnostics: readonly Diagnostic[], color: boolean): string {
  return renderDiagnostics(diagnostics, { color });
}

/** Formats a usage error: one line, one hint, no stack trace. */
export function formatUsageError(message: string, hint: string | undefined, color: boolean): string {
  const head = color ? '\x1b[31merror\x1b[0m' : 'error';
  // A file name or a value in the message may carry terminal escapes (issue 12).
  return `ork: ${head}: ${escapeControl(message)}\n${hint ? `    hint: ${escapeControl(hint)}\n` : ''}`;
}

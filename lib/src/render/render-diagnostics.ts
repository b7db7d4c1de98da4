import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { escapeControl } from '../util/escape-control.ts';

const COLORS = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m', dim: '\x1b[2m', reset: '\x1b[0m' } as const;

/**
 * How many diagnostics one report shows: 1 MB of binary garbage gave 235 of them and 2.4 MB of
 * stderr (issue 12). The first ones, in file order, are the ones worth reading.
 */
export const MAX_DIAGNOSTICS_SHOWN = 50;
/** Longest message shown; longer ones quote a huge key or value and are cut with a count. */
export const MAX_MESSAGE_LENGTH = 400;

/** The diagnostics a report shows, messages cut to length and control characters escaped, and how many are left out. */
export interface BoundedDiagnostics {
  readonly shown: readonly Diagnostic[];
  readonly omitted: number;
}

/** Keeps the first `max` diagnostics with their text made safe for a terminal (see escapeControl). */
export function boundDiagnostics(diagnostics: readonly Diagnostic[], max = MAX_DIAGNOSTICS_SHOWN): BoundedDiagnostics {
  const shown = diagnostics.slice(0, max).map((d) => ({
    ...d,
    file: escapeControl(d.file),
    path: cut(escapeControl(d.path)),
    message: cut(escapeControl(d.message)),
    ...(d.hint !== undefined ? { hint: cut(escapeControl(d.hint)) } : {}),
  }));
  return { shown, omitted: Math.max(0, diagnostics.length - shown.length) };
}

/**
 * Renders diagnostics as `file:line:col: error ORK1204: path: message` lines (the form editors and CI
 * annotators parse), each followed by an indented hint; ANSI colour only when asked. At most `max`
 * are shown, then one line says how many more there are.
 */
export function renderDiagnostics(diagnostics: readonly Diagnostic[], options: { readonly color?: boolean; readonly max?: number } = {}): string {
  const color = options.color ?? false;
  const { shown, omitted } = boundDiagnostics(diagnostics, options.max);
  const lines = shown
    .map((d) => {
      const sev = color ? `${COLORS[d.severity]}${d.severity}${COLORS.reset}` : d.severity;
      const path = d.path ? `${d.path}: ` : '';
      const hint = d.hint ? `\n    ${color ? COLORS.dim : ''}hint: ${d.hint}${color ? COLORS.reset : ''}` : '';
      return `${d.file}:${d.line}:${d.column}: ${sev} ${d.code}: ${path}${d.message}${hint}\n`;
    })
    .join('');
  return omitted > 0 ? `${lines}... and ${omitted} more diagnostic${omitted === 1 ? '' : 's'} (the first ${shown.length} are shown)\n` : lines;
}

function cut(text: string): string {
  return text.length <= MAX_MESSAGE_LENGTH ? text : `${text.slice(0, MAX_MESSAGE_LENGTH)}… (${text.length - MAX_MESSAGE_LENGTH} more characters)`;
}

import { escapeControl, parseKatalog, type Katalog } from '@orkestra/lib';
import { readTextFile } from '../fs/read-text-file.ts';

/** A Katalog read from a file, or the one line that says why not. */
export type LoadedKatalog = { readonly type: 'ok'; readonly katalog: Katalog } | { readonly type: 'error'; readonly message: string };

/**
 * Reads and parses a Katalog file for a server app, resolving `crdFile` references beside it. The
 * first error is reported as `file:line:col: CODE message`, the form `ork validate` prints.
 */
export function loadKatalogFile(file: string): LoadedKatalog {
  // Capped as it is read: a Katalog mounted from anywhere must not grow the process without bound.
  const read = readTextFile(file);
  if (read.type !== 'ok') return { type: 'error', message: escapeControl(`cannot read Katalog ${read.message}`) };
  const text = read.text;
  const readFile = (path: string): string | undefined => {
    const r = readTextFile(path);
    return r.type === 'ok' ? r.text : undefined;
  };
  const parsed = parseKatalog({ file, text }, { readFile });
  if (!parsed.ok) {
    const first = parsed.diagnostics.find((d) => d.severity === 'error');
    // One line on stderr: terminal escapes in a key or name are shown, not obeyed (issue 12).
    const line = first ? `${file}:${first.line}:${first.column}: ${first.code} ${first.message}` : `${file}: invalid Katalog`;
    return { type: 'error', message: escapeControl(line) };
  }
  return { type: 'ok', katalog: parsed.katalog };
}

import { readFileSync } from 'node:fs';
import { parseKatalog, type Katalog } from '@orkestra/lib';

/** A Katalog read from a file, or the one line that says why not. */
export type LoadedKatalog = { readonly type: 'ok'; readonly katalog: Katalog } | { readonly type: 'error'; readonly message: string };

/**
 * Reads and parses a Katalog file for a server app, resolving `crdFile` references beside it. The
 * first error is reported as `file:line:col: CODE message`, the form `ork validate` prints.
 */
export function loadKatalogFile(file: string): LoadedKatalog {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { type: 'error', message: `cannot read Katalog ${file}: ${code === 'ENOENT' ? 'no such file' : code ?? String(err)}` };
  }
  const readFile = (path: string): string | undefined => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  };
  const parsed = parseKatalog({ file, text }, { readFile });
  if (!parsed.ok) {
    const first = parsed.diagnostics.find((d) => d.severity === 'error');
    return { type: 'error', message: first ? `${file}:${first.line}:${first.column}: ${first.code} ${first.message}` : `${file}: invalid Katalog` };
  }
  return { type: 'ok', katalog: parsed.katalog };
}

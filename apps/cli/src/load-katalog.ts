import { parseKatalog, type Katalog, type Diagnostic, type Place } from '@orkestra/lib';
import { UsageError, type CliIo } from './io.ts';

/** The default Katalog file, looked up in the working directory like kubectl's `-f` habit. */
export const DEFAULT_KATALOG = 'katalog.yaml';

/** A Katalog read and validated for a command, with every diagnostic. */
export interface LoadedKatalog {
  readonly file: string;
  readonly katalog?: Katalog;
  readonly diagnostics: readonly Diagnostic[];
  /** Positions later findings (RBAC, bundle) in the Katalog file. */
  readonly locate: (path: readonly (string | number)[]) => Place;
}

/**
 * Reads the Katalog named by `-f` (`-` for stdin) and validates it. A missing or unreadable file is a
 * usage error (exit 2); an invalid Katalog comes back with its diagnostics (exit 1 for the caller).
 */
export function loadKatalog(filename: string | undefined, io: CliIo): LoadedKatalog {
  const file = filename ?? DEFAULT_KATALOG;
  const read = file === '-' ? io.readStdin() : io.readFile(file);
  if (read.type !== 'ok') {
    throw new UsageError(`cannot read Katalog: ${read.message}`, read.type === 'too-large'
      ? 'a Katalog is read whole and kept small: move large schemas into crdFile entries'
      : filename === undefined
        ? `pass -f FILE, or run "ork init" to write a starter ${DEFAULT_KATALOG}`
        : 'check the path given to -f');
  }
  const shown = file === '-' ? '<stdin>' : file;
  // crdFile paths arrive resolved against the Katalog's path (against the working directory for stdin).
  const readFile = (path: string) => {
    const r = io.readFile(path);
    return r.type === 'ok' ? r.text : undefined;
  };
  const result = parseKatalog({ file: shown, text: read.text }, { readFile });
  const locate = (path: readonly (string | number)[]): Place => result.locator.at(path);
  return { file: shown, diagnostics: result.diagnostics, locate, ...(result.ok ? { katalog: result.katalog } : {}) };
}

// `-f FILE`, `-f -` or `-f oci://HOST/REPO:TAG|@DIGEST` (issue 19): a Katalog from the file system
// or pulled, verified, from a registry; then the same validation either way.
import { parseKatalog, type Place } from '@orkestra/lib';
import { formatReference, isOciReference, pullKatalogArtifact } from '@orkestra/lib/registry';
import type { CliIo, ExitCode } from './io.ts';
import { loadKatalog, type LoadedKatalog } from './load-katalog.ts';
import { openRegistry, referenceArg, reportProblem } from './registry-access.ts';

/**
 * Loads the Katalog `-f` names and hands it to `use`. A registry Katalog is pulled first (so the
 * caller answers later); a registry problem is printed and becomes the exit code, and `crdFile`
 * entries cannot be resolved (there are no files beside an artifact: push them resolved).
 */
export function withLoadedKatalog(values: Record<string, string | boolean | undefined>, io: CliIo,
                                  use: (loaded: LoadedKatalog) => ExitCode): ExitCode | Promise<ExitCode> {
  const filename = values['filename'] as string | undefined;
  if (filename === undefined || !isOciReference(filename)) return use(loadKatalog(filename, io));
  const ref = referenceArg(filename, '-f');
  const shown = formatReference(ref);
  const registry = openRegistry(ref, values, io);
  return pullKatalogArtifact(registry.client, ref).then((pulled) => {
    registry.close();
    if (pulled.type === 'error') return reportProblem(pulled.problem, shown, io);
    // Diagnostics name the pinned reference, so a report says exactly which artifact it read.
    const file = ref.digest !== undefined ? shown : `${shown}@${pulled.value.digest}`;
    const result = parseKatalog({ file, text: pulled.value.katalogText }, { readFile: () => undefined });
    const locate = (path: readonly (string | number)[]): Place => result.locator.at(path);
    return use({ file, diagnostics: result.diagnostics, locate, ...(result.ok ? { katalog: result.katalog } : {}) });
  });
}

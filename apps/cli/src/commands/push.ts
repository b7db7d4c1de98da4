// `ork push -f katalog.yaml oci://HOST/REPO:TAG`: validates the Katalog, then pushes it as an OCI
// artifact (spec/registry.md §1), with its CRDs and bundle as optional layers. Prints the pinned
// reference on stdout, so `ork generate bundle -f "$(ork push ...)"` is reproducible.
import { hasErrors, planBundle, planCrds, renderYaml, renderYamlDocuments, type Katalog } from '@orkestra/lib';
import {
  formatReference, isOciReference, pinnedReference, planKatalogArtifact, pushKatalogArtifact, type ArtifactFile,
} from '@orkestra/lib/registry';
import { FILE_OPTION, type Command } from '../command.ts';
import { formatDiagnostics } from '../format-diagnostics.ts';
import { EXIT, UsageError, type CliIo, type ExitCode } from '../io.ts';
import { loadKatalog } from '../load-katalog.ts';
import { openRegistry, referenceArg, REGISTRY_OPTIONS, reportProblem } from '../registry-access.ts';

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;
const LAYER_NAMES = ['crds', 'bundle'] as const;

export const pushCommand: Command = {
  name: 'push',
  summary: 'Push a Katalog to an OCI registry as an artifact (oci://HOST/REPO:TAG)',
  usage: 'ork push [-f FILE] oci://HOST/REPO[:TAG] [--include crds,bundle] [-n NS] [--version V] [--revision R] [--created TIME] [--source URL]',
  options: [
    FILE_OPTION,
    { name: 'include', type: 'string', value: 'LIST', description: 'Extra layers: crds (ork generate crd), bundle (ork generate bundle -n NS), comma-separated' },
    { name: 'namespace', short: 'n', type: 'string', value: 'NS', description: 'Install namespace of the included bundle', default: 'orkestra-system' },
    { name: 'version', type: 'string', value: 'V', description: 'org.opencontainers.image.version (default: metadata.version)' },
    { name: 'revision', type: 'string', value: 'R', description: 'org.opencontainers.image.revision: the source revision, such as a git commit' },
    { name: 'created', type: 'string', value: 'TIME', description: 'org.opencontainers.image.created, RFC 3339 (never taken from the clock: same input, same digest)' },
    { name: 'source', type: 'string', value: 'URL', description: 'org.opencontainers.image.source: where the Katalog lives' },
    ...REGISTRY_OPTIONS,
  ],
  examples: [
    'ork push -f katalog.yaml oci://registry.example.com/platform/katalog:1.0.0',
    'ork push -f katalog.yaml oci://localhost:5000/katalog:dev --include crds,bundle --revision "$(git rev-parse HEAD)"',
  ],
  run(values, positionals, io) {
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'ork push needs a reference: oci://HOST/REPO:TAG' : `ork push takes one reference, got ${positionals.length}`, 'ork push -f katalog.yaml oci://registry.example.com/platform/katalog:1.0.0');
    const ref = referenceArg(positionals[0]!, 'reference');
    const include = parseInclude(values['include'] as string | undefined);
    const created = values['created'] as string | undefined;
    if (created !== undefined && !RFC3339.test(created)) throw new UsageError(`--created ${created} is not an RFC 3339 time`, 'for example 2025-01-31T12:00:00Z, or $(git log -1 --format=%cI)');
    const namespace = (values['namespace'] as string | undefined) ?? 'orkestra-system';
    if (isOciReference((values['filename'] as string | undefined) ?? '')) throw new UsageError('ork push reads a Katalog file, not a reference', 'to copy an artifact between registries: oras cp SOURCE TARGET');
    const loaded = loadKatalog(values['filename'] as string | undefined, io);
    if (loaded.diagnostics.length) io.stderr(formatDiagnostics(loaded.diagnostics, io.color));
    if (!loaded.katalog || hasErrors(loaded.diagnostics)) {
      io.stderr(`${loaded.file}: invalid, nothing pushed\n`);
      return EXIT.invalid;
    }
    const files = artifactFiles(loaded.katalog, include, namespace, io);
    if (typeof files === 'number') return files;
    const k = loaded.katalog;
    const artifact = planKatalogArtifact(files, {
      title: k.metadata.name,
      ...optional('version', (values['version'] as string | undefined) ?? k.metadata.version),
      ...optional('revision', values['revision'] as string | undefined),
      ...optional('created', created),
      ...optional('source', values['source'] as string | undefined),
      ...optional('description', k.metadata.description),
    });
    const registry = openRegistry(ref, values, io);
    return pushKatalogArtifact(registry.client, ref, artifact).then((result): ExitCode => {
      registry.close();
      if (result.type === 'error') return reportProblem(result.problem, formatReference(ref), io);
      const size = artifact.layers.reduce((n, l) => n + l.size, 0);
      io.stderr(`pushed ${formatReference(ref)} (${artifact.layers.map((l) => l.annotations?.['org.opencontainers.image.title']).join(', ')}; ${size} bytes; ${result.value.uploaded} blob${result.value.uploaded === 1 ? '' : 's'} uploaded, ${result.value.existed} already there)\ndigest: ${result.value.digest}\n`);
      io.stdout(`${formatReference(pinnedReference(ref, result.value.digest))}\n`);
      return EXIT.ok;
    });
  },
};

function parseInclude(value: string | undefined): readonly (typeof LAYER_NAMES)[number][] {
  if (value === undefined) return [];
  const parts = value.split(',').map((p) => p.trim()).filter(Boolean);
  for (const p of parts) if (!(LAYER_NAMES as readonly string[]).includes(p)) throw new UsageError(`unknown layer "${p}" in --include`, 'layers are crds and bundle');
  return parts as (typeof LAYER_NAMES)[number][];
}

/**
 * The Katalog layer is the file's own bytes, so `oras pull` gives back exactly what was pushed;
 * a Katalog with crdFile entries is pushed resolved (as the bundle's ConfigMap holds it), since a
 * registry has no files beside it.
 */
function artifactFiles(k: Katalog, include: readonly string[], namespace: string, io: CliIo): ArtifactFile[] | ExitCode {
  const encode = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'utf8'));
  let katalogText = k.sourceText;
  if (k.resolvedFiles) {
    katalogText = renderYaml(k.resolved);
    io.stderr('note: crdFile entries were resolved into the pushed Katalog (a registry has no files beside it)\n');
  }
  const files: ArtifactFile[] = [{ role: 'katalog', bytes: encode(katalogText) }];
  if (include.includes('crds')) files.push({ role: 'crds', bytes: encode(renderYamlDocuments(planCrds(k))) });
  if (include.includes('bundle')) {
    const plan = planBundle(k, { namespace });
    if (hasErrors(plan.diagnostics)) {
      io.stderr(formatDiagnostics(plan.diagnostics, io.color));
      io.stderr('the bundle cannot be generated, nothing pushed\n');
      return EXIT.invalid;
    }
    files.push({ role: 'bundle', bytes: encode(renderYamlDocuments(plan.objects)) });
  }
  return files;
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value !== undefined && value !== '' ? { [key]: value } : {}) as { [P in K]?: string };
}

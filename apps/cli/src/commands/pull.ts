// `ork pull oci://HOST/REPO:TAG|@DIGEST -o katalog.yaml`: fetches a Katalog artifact, verifies
// every digest and size on the way (spec/registry.md §2), and writes the layer byte for byte.
import { formatReference, LAYERS, pinnedReference, pullKatalogArtifact, type LayerRole } from '@orkestra/lib/registry';
import type { Command } from '../command.ts';
import { EXIT, UsageError, type ExitCode } from '../io.ts';
import { openRegistry, referenceArg, REGISTRY_OPTIONS, reportProblem } from '../registry-access.ts';

const ROLES: readonly LayerRole[] = ['katalog', 'crds', 'bundle'];

export const pullCommand: Command = {
  name: 'pull',
  summary: 'Pull a Katalog from an OCI registry (oci://HOST/REPO:TAG or @sha256:...)',
  usage: 'ork pull oci://HOST/REPO[:TAG|@DIGEST] [-o FILE|-] [--layer katalog|crds|bundle]',
  options: [
    { name: 'output', short: 'o', type: 'string', value: 'FILE', description: 'Where to write the layer: a file, or - for stdout', default: '-' },
    { name: 'layer', type: 'string', value: 'NAME', description: 'Which layer: katalog, crds or bundle', default: 'katalog' },
    ...REGISTRY_OPTIONS,
  ],
  examples: [
    'ork pull oci://registry.example.com/platform/katalog:1.0.0 -o katalog.yaml',
    'ork pull oci://registry.example.com/platform/katalog@sha256:... --layer bundle | kubectl apply -f -',
  ],
  run(values, positionals, io) {
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'ork pull needs a reference: oci://HOST/REPO:TAG' : `ork pull takes one reference, got ${positionals.length}`, 'ork pull oci://registry.example.com/platform/katalog:1.0.0 -o katalog.yaml');
    const ref = referenceArg(positionals[0]!, 'reference');
    const layer = (values['layer'] as string | undefined) ?? 'katalog';
    if (!(ROLES as readonly string[]).includes(layer)) throw new UsageError(`--layer ${layer} is not a layer of a Katalog artifact`, 'use katalog, crds or bundle');
    const role = layer as LayerRole;
    const output = (values['output'] as string | undefined) ?? '-';
    if (output.endsWith('/')) throw new UsageError(`-o ${output} is a directory`, 'give a file path, or - for standard output');
    const registry = openRegistry(ref, values, io);
    return pullKatalogArtifact(registry.client, ref, role === 'katalog' ? [] : [role]).then((result): ExitCode => {
      registry.close();
      if (result.type === 'error') return reportProblem(result.problem, formatReference(ref), io);
      const bytes = role === 'katalog' ? result.value.katalogBytes : result.value.extras[role];
      if (bytes === undefined) {
        return reportProblem({ code: 'ORK1504', message: `the artifact has no ${LAYERS[role].title} layer`, hint: `push it with ork push --include ${role}` }, formatReference(ref), io);
      }
      if (output === '-') io.writeStdout(bytes);
      else {
        try {
          io.writeBytes(output, bytes);
        } catch (err) {
          throw new UsageError(`cannot write ${output}: ${(err as Error).message}`, 'check the directory exists and is writable');
        }
        io.stderr(`pulled ${formatReference(ref)} (${bytes.length} bytes) to ${output}\ndigest: ${result.value.digest}\n`);
      }
      if (output !== '-' && ref.digest === undefined) io.stderr(`pin it: ${formatReference(pinnedReference(ref, result.value.digest))}\n`);
      return EXIT.ok;
    });
  },
};

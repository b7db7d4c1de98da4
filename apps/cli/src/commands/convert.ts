// Issue 18: `ork convert -f katalog.yaml --to v1beta1 cr.yaml`: the gateway's conversion, offline.
import { renderJson, renderYamlDocuments } from '@orkestra/lib';
import { convertDocuments } from '@orkestra/lib/conversion';
import { FILE_OPTION, type Command } from '../command.ts';
import { formatDiagnostics } from '../format-diagnostics.ts';
import { EXIT, UsageError } from '../io.ts';
import { withLoadedKatalog } from '../load-katalog-source.ts';
import { REGISTRY_OPTIONS } from '../registry-access.ts';

/** `ork convert`: prints custom resources converted to another version of their CRD. */
export const convertCommand: Command = {
  name: 'convert',
  summary: 'Convert custom resources to another version of their CRD, offline, as the gateway\'s /convert does',
  usage: 'ork convert [-f KATALOG] --to VERSION [-o yaml|json] CR_FILE|-',
  options: [
    FILE_OPTION,
    { name: 'to', type: 'string', value: 'VERSION', description: 'The version to convert to (v1beta1, or group/v1beta1)' },
    { name: 'output', short: 'o', type: 'string', value: 'FORMAT', description: 'Output format: yaml or json', default: 'yaml' },
    ...REGISTRY_OPTIONS,
  ],
  examples: ['ork convert -f katalog.yaml --to v1beta1 website.yaml', 'kubectl get websites.v1alpha1.demo.orkestra.io blog -o yaml | ork convert -f katalog.yaml --to v1beta1 -'],
  run(values, positionals, io) {
    const to = values['to'] as string | undefined;
    if (to === undefined || to === '') throw new UsageError('--to is required', 'name the version to convert to, e.g. --to v1beta1');
    const output = (values['output'] as string | undefined) ?? 'yaml';
    if (output !== 'yaml' && output !== 'json') throw new UsageError(`-o ${output} is not a format of convert`, 'use -o yaml or -o json');
    if (positionals.length !== 1) throw new UsageError(`convert takes one file of custom resources, got ${positionals.length}`, 'ork convert -f katalog.yaml --to v1beta1 website.yaml (or - for standard input)');
    const file = positionals[0]!;
    if (file === '-' && values['filename'] === '-') throw new UsageError('the Katalog and the custom resources cannot both come from standard input');
    return withLoadedKatalog(values, io, (loaded) => {
      if (!loaded.katalog) {
        io.stderr(formatDiagnostics(loaded.diagnostics, io.color));
        io.stderr(`${loaded.file}: invalid Katalog\n`);
        return EXIT.invalid;
      }
      const read = file === '-' ? io.readStdin() : io.readFile(file);
      if (read.type !== 'ok') {
        io.stderr(`ork convert: ${read.message}\n`);
        return EXIT.invalid;
      }
      const r = convertDocuments(loaded.katalog, read.text, to);
      if (!r.ok) {
        for (const p of r.problems) {
          io.stderr(`${file === '-' ? '<stdin>' : file}:${p.line}: ${p.code}: ${p.message}\n${p.hint !== undefined ? `  hint: ${p.hint.replace(/\n/g, '\n  ')}\n` : ''}`);
        }
        return EXIT.invalid;
      }
      io.stdout(output === 'json' ? renderJson(r.objects.length === 1 ? r.objects[0] : { apiVersion: 'v1', kind: 'List', items: r.objects }) : renderYamlDocuments(r.objects));
      return EXIT.ok;
    });
  },
};

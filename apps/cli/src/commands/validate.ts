import { boundDiagnostics, hasErrors, renderJson } from '@orkestra/lib';
import { FILE_OPTION, type Command } from '../command.ts';
import { formatDiagnostics } from '../format-diagnostics.ts';
import { EXIT, UsageError } from '../io.ts';
import { withLoadedKatalog } from '../load-katalog-source.ts';
import { REGISTRY_OPTIONS } from '../registry-access.ts';
import { fullReport } from './full-report.ts';

/** `ork validate`: checks a Katalog offline; `--full` also shows every permission it will request. */
export const validateCommand: Command = {
  name: 'validate',
  summary: 'Validate a Katalog offline (--full: every RBAC rule with its reason, startup order, installer needs)',
  usage: 'ork validate [-f FILE] [--full] [-o text|json]',
  options: [
    FILE_OPTION,
    { name: 'full', type: 'boolean', description: 'Show every RBAC rule with its reason, the startup order and what the installer must hold' },
    { name: 'output', short: 'o', type: 'string', value: 'FORMAT', description: 'Output format: text or json', default: 'text' },
    { name: 'namespace', short: 'n', type: 'string', value: 'NS', description: 'Install namespace the report assumes', default: 'orkestra-system' },
    ...REGISTRY_OPTIONS,
  ],
  examples: ['ork validate -f katalog.yaml', 'ork validate --full -f katalog.yaml', 'cat katalog.yaml | ork validate -f - -o json', 'ork validate --full -f oci://registry.example.com/platform/katalog:1.0.0'],
  run(values, _positionals, io) {
    const output = (values['output'] as string | undefined) ?? 'text';
    if (output !== 'text' && output !== 'json') throw new UsageError(`-o ${output} is not a format of validate`, 'use -o text or -o json');
    return withLoadedKatalog(values, io, (loaded) => {
    const valid = !hasErrors(loaded.diagnostics);
    const namespace = (values['namespace'] as string | undefined) ?? 'orkestra-system';
    const report = values['full'] && loaded.katalog ? fullReport(loaded.katalog, namespace, loaded.diagnostics, loaded.locate) : undefined;
    if (output === 'json') {
      // The same bound as the text form: garbage in must not become megabytes out (issue 12).
      const { shown, omitted } = boundDiagnostics(loaded.diagnostics);
      io.stdout(renderJson({ file: loaded.file, valid, diagnostics: shown, ...(omitted > 0 ? { omittedDiagnostics: omitted } : {}), ...(report ? { report: report.data } : {}) }));
      return valid ? EXIT.ok : EXIT.invalid;
    }
    if (loaded.diagnostics.length) io.stderr(formatDiagnostics(loaded.diagnostics, io.color));
    if (!valid || !loaded.katalog) {
      const errors = loaded.diagnostics.filter((d) => d.severity === 'error').length;
      io.stderr(`${loaded.file}: invalid (${errors} error${errors === 1 ? '' : 's'})\n`);
      return EXIT.invalid;
    }
    if (report) io.stdout(report.text(io.color));
    else {
      const crds = loaded.katalog.crds.filter((c) => c.enabled).length;
      io.stdout(`${loaded.file}: valid Katalog "${loaded.katalog.metadata.name}" (${crds} CRD${crds === 1 ? '' : 's'}${loaded.katalog.wantsGateway ? ', gateway' : ''})\n`);
    }
    return EXIT.ok;
    });
  },
};

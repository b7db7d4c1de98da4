import { parseKatalog, planCrds, renderYamlDocuments } from '@orkestra/lib';
import type { Command } from '../command.ts';
import { EXIT, UsageError } from '../io.ts';
import { STARTER_CR, STARTER_KATALOG } from '../starter.ts';

/** `ork init [dir]`: writes a starter Katalog, its CRD and a sample CR that `ork validate` accepts. */
export const initCommand: Command = {
  name: 'init',
  summary: 'Write a starter Katalog, its CRD and a sample custom resource',
  usage: 'ork init [DIR] [--force]',
  options: [{ name: 'force', type: 'boolean', description: 'Overwrite existing files' }],
  examples: ['ork init', 'ork init my-operator && ork validate -f my-operator/katalog.yaml'],
  run(values, positionals, io) {
    if (positionals.length > 1) throw new UsageError(`init takes one directory, got ${positionals.length}`, 'ork init [DIR]');
    const dir = (positionals[0] ?? '.').replace(/\/+$/, '') || '/';
    const parsed = parseKatalog({ file: `${dir}/katalog.yaml`, text: STARTER_KATALOG });
    if (!parsed.ok) throw new Error(`the built-in starter Katalog is invalid: ${JSON.stringify(parsed.diagnostics)}`);
    const files: [string, string][] = [
      ['katalog.yaml', STARTER_KATALOG],
      ['crd.yaml', renderYamlDocuments(planCrds(parsed.katalog))],
      ['cr.yaml', STARTER_CR],
    ];
    const existing = files.map(([f]) => `${dir}/${f}`).filter((p) => io.exists(p));
    if (existing.length && !values['force']) {
      throw new UsageError(`${existing.join(', ')} already exist${existing.length === 1 ? 's' : ''}`, 'pick an empty directory, or pass --force to overwrite');
    }
    for (const [name, text] of files) io.writeFile(`${dir}/${name}`, text);
    io.stdout(`wrote ${files.map(([f]) => `${dir}/${f}`).join(', ')}\nnext: ork validate --full -f ${dir}/katalog.yaml\n`);
    return EXIT.ok;
  },
};

import { renderJson } from '@orkestra/lib';
import type { Command } from '../command.ts';
import { EXIT, UsageError } from '../io.ts';

/** `ork version`: version, commit, Node and platform. */
export const versionCommand: Command = {
  name: 'version',
  summary: 'Print the version, commit, Node version and platform',
  usage: 'ork version [-o text|json]',
  options: [{ name: 'output', short: 'o', type: 'string', value: 'FORMAT', description: 'Output format: text or json', default: 'text' }],
  run(values, _positionals, io) {
    const output = (values['output'] as string | undefined) ?? 'text';
    if (output === 'json') io.stdout(renderJson(io.version));
    else if (output === 'text') {
      const v = io.version;
      io.stdout(`ork ${v.version} (commit ${v.commit}, node ${v.node}, ${v.platform})\n`);
    } else throw new UsageError(`-o ${output} is not a format of version`, 'use -o text or -o json');
    return EXIT.ok;
  },
};

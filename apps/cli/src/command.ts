import type { CliIo, ExitCode } from './io.ts';
import type { OptionSpec } from './options.ts';

/** One `ork` command: its name as typed (`generate bundle`), help text, options and handler. */
export interface Command {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  readonly options: readonly OptionSpec[];
  readonly examples?: readonly string[];
  /** Offline commands answer at once; those that talk to a registry return a promise. */
  readonly run: (values: Record<string, string | boolean | undefined>, positionals: readonly string[], io: CliIo) => ExitCode | Promise<ExitCode>;
}

/** The `-f` option every Katalog-reading command takes. */
export const FILE_OPTION: OptionSpec = {
  name: 'filename', short: 'f', type: 'string', value: 'FILE',
  description: 'Katalog file, - to read standard input, or oci://HOST/REPO:TAG|@DIGEST to pull it', default: 'katalog.yaml',
};

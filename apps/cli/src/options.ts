import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './io.ts';
import { closest } from '@orkestra/lib';

/** One option of a command, as shown in help and parsed by node:util parseArgs. */
export interface OptionSpec {
  readonly name: string;
  readonly short?: string;
  readonly type: 'string' | 'boolean';
  readonly value?: string;
  readonly description: string;
  readonly default?: string;
}

/**
 * Parses option values with node:util parseArgs rather than cac: cac coerces `-n 0123` to 123 and
 * rejects `-f -` (ecosystem.md §0.2); parseArgs keeps values as the user typed them.
 */
export function parseOptions(
  args: readonly string[],
  specs: readonly OptionSpec[],
  command: string,
): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  const options: NonNullable<ParseArgsConfig['options']> = {};
  for (const s of specs) options[s.name] = { type: s.type, ...(s.short ? { short: s.short } : {}) };
  try {
    const parsed = parseArgs({ args: [...args], options, strict: true, allowPositionals: true, allowNegative: false });
    return { values: parsed.values as Record<string, string | boolean | undefined>, positionals: parsed.positionals };
  } catch (err) {
    const message = (err as Error).message;
    const unknown = /Unknown option '(-{1,2}[^']+)'/.exec(message)?.[1];
    if (unknown) {
      const guess = closest(unknown.replace(/^-+/, ''), specs.map((s) => s.name));
      throw new UsageError(`unknown flag ${unknown} for "ork ${command}"`, guess ? `did you mean --${guess}?` : `see "ork ${command} --help"`);
    }
    throw new UsageError(message.replace(/\. To specify a positional.*$/, ''), `see "ork ${command} --help"`);
  }
}

import { closest } from '@orkestra/lib';
import type { Command } from './command.ts';
import { formatUsageError } from './format-diagnostics.ts';
import { buildProgram, renderHelp } from './help.ts';
import { EXIT, UsageError, type CliIo, type ExitCode } from './io.ts';
import { parseOptions } from './options.ts';

/**
 * Runs one `ork` invocation: finds the command (cac matches the first word), parses its options with
 * parseArgs, runs it, and turns usage errors into one line plus a hint with exit code 2.
 * Never throws for bad input; an unexpected exception is a bug and is reported as such.
 */
export function runCli(argv: readonly string[], commands: readonly Command[], io: CliIo): ExitCode | Promise<ExitCode> {
  const usage = (err: unknown): ExitCode => {
    if (err instanceof UsageError) {
      io.stderr(formatUsageError(err.message, err.hint, io.color));
      return EXIT.usage;
    }
    throw err;
  };
  try {
    const code = dispatch(argv, commands, io);
    // Commands that talk to a registry answer later; their usage errors are caught the same way.
    return code instanceof Promise ? code.catch(usage) : code;
  } catch (err) {
    return usage(err);
  }
}

function dispatch(argv: readonly string[], commands: readonly Command[], io: CliIo): ExitCode | Promise<ExitCode> {
  const wantsHelp = argv.includes('--help') || argv.includes('-h');
  if (argv.length === 0 || (wantsHelp && (argv[0] === undefined || argv[0].startsWith('-')))) {
    io.stdout(renderHelp(commands, io.version.version));
    return argv.length === 0 ? EXIT.usage : EXIT.ok;
  }
  if (argv[0] === '--version' || argv[0] === '-v') {
    io.stdout(`${io.version.version}\n`);
    return EXIT.ok;
  }
  const program = buildProgram(commands, io.version.version);
  // cac would print help itself on --help; it only matches the command word here.
  program.parse(['node', 'ork', ...argv.filter((a) => a !== '--help' && a !== '-h')], { run: false });
  const word = program.matchedCommandName;
  if (!word) {
    // cac exits 0 on an unknown command unless told otherwise; we refuse it like kubectl does.
    const words = [...new Set(commands.map((c) => c.name.split(' ')[0]!))];
    const guess = closest(argv[0]!, words);
    throw new UsageError(`unknown command "${argv[0]}"`, guess ? `did you mean "ork ${guess}"?` : `commands: ${words.join(', ')}`);
  }
  const group = commands.filter((c) => c.name.split(' ')[0] === word);
  let command = group.length === 1 && !group[0]!.name.includes(' ') ? group[0] : undefined;
  let rest = argv.slice(argv.indexOf(word) + 1);
  if (!command) {
    const what = rest.find((a) => !a.startsWith('-'));
    command = group.find((c) => c.name === `${word} ${what}`);
    if (!command) {
      if (wantsHelp) {
        io.stdout(group.map((c) => renderHelp(commands, io.version.version, c.name)).join('\n'));
        return EXIT.ok;
      }
      const choices = group.map((c) => c.name.split(' ')[1]!);
      const guess = what ? closest(what, choices) : undefined;
      throw new UsageError(what ? `unknown "${word}" target "${what}"` : `"ork ${word}" needs a target`,
        guess ? `did you mean "ork ${word} ${guess}"?` : `one of: ${choices.join(', ')}`);
    }
    rest = [...rest.slice(0, rest.indexOf(what!)), ...rest.slice(rest.indexOf(what!) + 1)];
  }
  if (wantsHelp) {
    io.stdout(renderHelp(commands, io.version.version, command.name));
    return EXIT.ok;
  }
  const { values, positionals } = parseOptions(rest, command.options, command.name);
  return command.run(values, positionals, io);
}

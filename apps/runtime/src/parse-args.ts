/** What the runtime was asked to do: `run [-f FILE]`, `version`, or a usage error. */
export type Command =
  | { readonly type: 'run'; readonly file?: string }
  | { readonly type: 'version' }
  | { readonly type: 'usage-error'; readonly message: string };

/** The one-line usage shown with a usage error. */
export const USAGE = 'usage: ork-runtime run [-f FILE] | version';

/** Parses the runtime's argv (without node and the script); the runtime can run and report its version, nothing else. */
export function parseArgs(argv: readonly string[]): Command {
  const [command, ...rest] = argv;
  if (command === 'version' || command === '--version') {
    return rest.length === 0 ? { type: 'version' } : { type: 'usage-error', message: `version takes no arguments, got ${rest.join(' ')}` };
  }
  if (command !== 'run') return { type: 'usage-error', message: command === undefined ? 'no command given' : `unknown command ${JSON.stringify(command)}` };
  let file: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    const inline = /^(?:-f|--filename)=(.*)$/.exec(arg);
    if (inline) file = inline[1];
    else if (arg === '-f' || arg === '--filename') {
      file = rest[++i];
      if (file === undefined) return { type: 'usage-error', message: `${arg} needs a file name` };
    } else return { type: 'usage-error', message: `unknown argument ${JSON.stringify(arg)}` };
  }
  if (file === '') return { type: 'usage-error', message: '-f needs a file name' };
  return file === undefined ? { type: 'run' } : { type: 'run', file };
}

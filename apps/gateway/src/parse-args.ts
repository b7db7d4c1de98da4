/** What the gateway was asked to do: `gate [-f FILE]`, `version`, or a usage error. */
export type Command =
  | { readonly type: 'gate'; readonly file?: string }
  | { readonly type: 'version' }
  | { readonly type: 'usage-error'; readonly message: string };

/** The one-line usage shown with a usage error. */
export const USAGE = 'usage: ork-gateway gate [-f FILE] | version';

/** Parses the gateway's argv (without node and the script); the gateway can gate and report its version, nothing else. */
export function parseArgs(argv: readonly string[]): Command {
  const [command, ...rest] = argv;
  if (command === 'version' || command === '--version') {
    return rest.length === 0 ? { type: 'version' } : { type: 'usage-error', message: `version takes no arguments, got ${rest.join(' ')}` };
  }
  if (command !== 'gate') return { type: 'usage-error', message: command === undefined ? 'no command given' : `unknown command ${JSON.stringify(command)}` };
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
  return file === undefined ? { type: 'gate' } : { type: 'gate', file };
}

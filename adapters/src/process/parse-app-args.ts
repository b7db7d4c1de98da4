/** What a server app (runtime, gateway, control center) was asked to do: serve (`run`/`gate`/`serve`) with an optional Katalog, its version, or a usage error. */
export type AppCommand =
  | { readonly type: 'serve'; readonly file?: string }
  | { readonly type: 'version' }
  | { readonly type: 'usage-error'; readonly message: string };

/** The one-line usage shown with a usage error: `usage: ork-runtime run [-f FILE] | version`. */
export function appUsage(program: string, verb: string, takesFile = true): string {
  return `usage: ${program} ${verb}${takesFile ? ' [-f FILE]' : ''} | version`;
}

/**
 * Parses a server app's argv (without node and the script). An app's bundle can do its one job
 * (`verb`) and report its version, nothing else (DESIGN §1), so everything else is a usage error.
 * An app that reads no Katalog (`takesFile` false: the control center) refuses `-f` too.
 */
export function parseAppArgs(argv: readonly string[], verb: string, takesFile = true): AppCommand {
  const [command, ...rest] = argv;
  if (command === 'version' || command === '--version') {
    return rest.length === 0 ? { type: 'version' } : { type: 'usage-error', message: `version takes no arguments, got ${rest.join(' ')}` };
  }
  if (command !== verb) return { type: 'usage-error', message: command === undefined ? 'no command given' : `unknown command ${JSON.stringify(command)}` };
  let file: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    const inline = /^(?:-f|--filename)=(.*)$/.exec(arg);
    if (!takesFile) return { type: 'usage-error', message: `unknown argument ${JSON.stringify(arg)}` };
    if (inline) file = inline[1];
    else if (arg === '-f' || arg === '--filename') {
      file = rest[++i];
      if (file === undefined) return { type: 'usage-error', message: `${arg} needs a file name` };
    } else return { type: 'usage-error', message: `unknown argument ${JSON.stringify(arg)}` };
  }
  if (file === '') return { type: 'usage-error', message: '-f needs a file name' };
  return file === undefined ? { type: 'serve' } : { type: 'serve', file };
}

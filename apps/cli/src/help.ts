import { cac, type CAC } from 'cac';
import type { Command } from './command.ts';

/** Builds the cac program from the command table: cac matches command words and lays out help. */
export function buildProgram(commands: readonly Command[], version: string): CAC {
  const cli = cac('ork');
  cli.version(version);
  const groups = new Map<string, Command[]>();
  for (const c of commands) {
    const word = c.name.split(' ')[0]!;
    groups.set(word, [...(groups.get(word) ?? []), c]);
  }
  for (const [word, members] of groups) {
    // cac has one sub-command level (cacjs/cac#65): `generate crd` is `generate <what>`.
    const multi = members.length > 1 || members[0]!.name.includes(' ');
    const summary = multi ? `Generate ${members.map((m) => m.name.split(' ')[1]).join('|')} (see "ork ${word} <what> --help")` : members[0]!.summary;
    const cmd = cli.command(multi ? `${word} <what>` : word, summary, { allowUnknownOptions: true });
    if (!multi) decorate(cmd, members[0]!);
  }
  return cli;
}

function decorate(cmd: ReturnType<CAC['command']>, c: Command): void {
  cmd.usage(c.usage.replace(/^ork /, ''));
  for (const o of c.options) {
    const flag = `${o.short ? `-${o.short}, ` : ''}--${o.name}${o.type === 'string' ? ` <${(o.value ?? 'value').toLowerCase()}>` : ''}`;
    cmd.option(flag, o.description, o.default !== undefined ? { default: o.default } : undefined);
  }
  for (const e of c.examples ?? []) cmd.example(`  $ ${e}`);
}

/**
 * Renders help text: the command list, or one command's usage, options and examples. cac prints help
 * with console.info, so it runs with console.info silenced and the text comes from cac's help
 * callback; the caller decides which stream gets it.
 */
export function renderHelp(commands: readonly Command[], version: string, name?: string): string {
  const command = name ? commands.find((c) => c.name === name) : undefined;
  let cli: CAC;
  let target: { outputHelp(): void };
  if (command) {
    cli = cac('ork');
    const cmd = cli.command(command.name, command.summary);
    decorate(cmd, command);
    target = cmd;
  } else {
    cli = buildProgram(commands, version);
    target = cli;
  }
  let text = '';
  cli.help((sections) => {
    const body = command ? [{ body: command.summary }, ...sections.slice(1)] : sections;
    text = body.map((s) => (s.title ? `${s.title}:\n${s.body}` : s.body)).join('\n\n') + '\n';
    return sections;
  });
  const info = console.info;
  console.info = () => undefined;
  try {
    target.outputHelp();
  } finally {
    console.info = info;
  }
  return text;
}

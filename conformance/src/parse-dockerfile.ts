// Just enough of the Dockerfile syntax for the images test to read this repository's Dockerfile:
// global ARGs, stages (FROM ... AS name, a stage built FROM another), instructions with `\`
// continuations, COPY flags, exec-form (JSON) ENTRYPOINT/CMD and LABEL key=value pairs. Anything
// it does not understand is an error, so the test cannot pass on a file it misread.

/** One instruction, its keyword upper-cased and its arguments as written (continuations joined). */
export interface Instruction { readonly op: string; readonly args: string; readonly line: number }
export interface Stage { readonly name: string; readonly from: string; readonly instructions: readonly Instruction[] }
export interface Dockerfile { readonly args: Readonly<Record<string, string>>; readonly stages: readonly Stage[] }
export interface Copy { readonly from?: string; readonly sources: readonly string[]; readonly dest: string }

/** Parses Dockerfile text; throws naming the line on a form it does not know. */
export function parseDockerfile(text: string): Dockerfile {
  const args: Record<string, string> = {};
  const stages: { name: string; from: string; instructions: Instruction[] }[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = i + 1;
    let logical = lines[i]!.trimEnd();
    if (/^\s*(#|$)/.test(logical)) continue;
    while (logical.endsWith('\\') && i + 1 < lines.length) logical = `${logical.slice(0, -1).trimEnd()} ${lines[++i]!.trim()}`;
    const m = /^\s*([A-Za-z]+)\s+(.*)$/.exec(logical);
    if (!m) throw new Error(`Dockerfile:${line}: cannot read "${logical}"`);
    const op = m[1]!.toUpperCase();
    const rest = m[2]!.trim();
    if (op === 'FROM') {
      const from = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(rest);
      if (!from) throw new Error(`Dockerfile:${line}: cannot read FROM "${rest}"`);
      stages.push({ name: from[2] ?? String(stages.length), from: from[1]!, instructions: [] });
    } else if (stages.length === 0) {
      const arg = /^([A-Za-z_][A-Za-z0-9_]*)(?:=(.*))?$/.exec(rest);
      if (op !== 'ARG' || !arg) throw new Error(`Dockerfile:${line}: only ARG may come before the first FROM`);
      args[arg[1]!] = arg[2] ?? '';
    } else {
      stages.at(-1)!.instructions.push({ op, args: rest, line });
    }
  }
  return { args, stages };
}

/** A stage's instructions preceded by those of the stages it is built FROM, base first. */
export function stageChain(file: Dockerfile, name: string): Instruction[] {
  const stage = file.stages.find((s) => s.name === name);
  if (!stage) throw new Error(`Dockerfile: no stage "${name}"`);
  const parent = file.stages.some((s) => s.name === stage.from) ? stageChain(file, stage.from) : [];
  return [...parent, ...stage.instructions];
}

/** The base image a stage ends up on, global ARG defaults substituted. */
export function baseImage(file: Dockerfile, name: string): string {
  const stage = file.stages.find((s) => s.name === name);
  if (!stage) throw new Error(`Dockerfile: no stage "${name}"`);
  if (file.stages.some((s) => s.name === stage.from)) return baseImage(file, stage.from);
  return stage.from.replace(/\$\{(\w+)\}|\$(\w+)/g, (_, a: string | undefined, b: string | undefined) => file.args[(a ?? b)!] ?? '');
}

/** A COPY's --from, sources and destination; --chown/--chmod/--link are read and dropped. */
export function parseCopy(i: Instruction): Copy {
  const words = i.args.split(/\s+/);
  let from: string | undefined;
  while (words[0]?.startsWith('--')) {
    const flag = words.shift()!;
    const m = /^--(from|chown|chmod|link)(?:=(.*))?$/.exec(flag);
    if (!m) throw new Error(`Dockerfile:${i.line}: unknown COPY flag ${flag}`);
    if (m[1] === 'from') from = m[2];
  }
  if (words.length < 2 || words[0]!.startsWith('[')) throw new Error(`Dockerfile:${i.line}: COPY needs sources and a destination (shell form)`);
  return { ...(from !== undefined ? { from } : {}), sources: words.slice(0, -1), dest: words.at(-1)! };
}

/** The argv of an exec-form ENTRYPOINT or CMD; the shell form (which needs a shell) is an error. */
export function execForm(i: Instruction): string[] {
  const argv: unknown = (() => {
    try {
      return JSON.parse(i.args);
    } catch {
      return undefined;
    }
  })();
  if (!Array.isArray(argv) || !argv.every((a) => typeof a === 'string')) throw new Error(`Dockerfile:${i.line}: ${i.op} must be exec form (a JSON array of strings)`);
  return argv;
}

/** LABEL key="value" pairs, quotes removed. */
export function labelPairs(i: Instruction): Record<string, string> {
  const out: Record<string, string> = {};
  const rest = i.args.replace(/([\w.-]+)=("(?:[^"\\]|\\.)*"|\S+)\s*/g, (_, k: string, v: string) => {
    out[k] = v.startsWith('"') ? (JSON.parse(v) as string) : v;
    return '';
  });
  if (rest.trim() !== '') throw new Error(`Dockerfile:${i.line}: cannot read LABEL "${rest.trim()}"`);
  return out;
}

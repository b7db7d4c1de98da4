// Reads a Dockerfile into stages of instructions, for assembling its final stages without a
// daemon (assemble-app.mjs): global ARGs, `FROM image [AS name]`, `\` continuations, comments.
// It does not interpret instructions; the assembler decides what it can honour and refuses the rest.

/** Parses Dockerfile text into { args, stages: [{ name, from, line, instructions: [{ op, args, line }] }] }. */
export function readDockerfile(text, file = 'Dockerfile') {
  const args = {};
  const stages = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = i + 1;
    let logical = lines[i].trimEnd();
    if (/^\s*(#|$)/.test(logical)) continue;
    while (logical.endsWith('\\') && i + 1 < lines.length) {
      const next = lines[++i].trim();
      if (next.startsWith('#')) continue;
      logical = `${logical.slice(0, -1).trimEnd()} ${next}`;
    }
    const m = /^\s*([A-Za-z]+)\s+(.*)$/.exec(logical);
    if (!m) throw new Error(`${file}:${line}: cannot read "${logical}"`);
    const op = m[1].toUpperCase();
    const rest = m[2].trim();
    if (op === 'FROM') {
      const from = /^(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?$/i.exec(rest);
      if (!from) throw new Error(`${file}:${line}: cannot read FROM "${rest}"`);
      stages.push({ name: from[2] ?? String(stages.length), from: from[1], line, instructions: [] });
    } else if (stages.length === 0) {
      const arg = /^([A-Za-z_][A-Za-z0-9_]*)(?:=(.*))?$/.exec(rest);
      if (op !== 'ARG' || !arg) throw new Error(`${file}:${line}: only ARG may come before the first FROM`);
      args[arg[1]] = unquote(arg[2] ?? '');
    } else {
      stages.at(-1).instructions.push({ op, args: rest, line });
    }
  }
  return { args, stages };
}

/** `${NAME}` and `$NAME` replaced from `vars` (unknown names become empty, as in Docker). */
export function expand(text, vars) {
  return text.replace(/\$\{(\w+)\}|\$(\w+)/g, (_, a, b) => vars[a ?? b] ?? '');
}

/** `key=value` pairs (LABEL, ENV), values optionally double-quoted. */
export function keyValues(text, where) {
  const out = {};
  const rest = text.replace(/([\w.-]+)=("(?:[^"\\]|\\.)*"|\S+)\s*/g, (_, k, v) => {
    out[k] = unquote(v);
    return '';
  });
  if (rest.trim() !== '') throw new Error(`${where}: cannot read "${rest.trim()}" (key=value pairs only)`);
  return out;
}

/** The argv of an exec-form (JSON array) ENTRYPOINT or CMD; the shell form needs a shell. */
export function execForm(text, where) {
  let argv;
  try {
    argv = JSON.parse(text);
  } catch {
    argv = undefined;
  }
  if (!Array.isArray(argv) || !argv.every((a) => typeof a === 'string')) throw new Error(`${where}: must be exec form (a JSON array of strings)`);
  return argv;
}

function unquote(v) {
  return v.startsWith('"') && v.endsWith('"') ? JSON.parse(v) : v;
}

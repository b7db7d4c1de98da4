// The chart README's parameter tables, generated from chart/values.yaml: a key documented with a
// `# -- description` comment (helm-docs' convention, continued on the following `#` lines) becomes a
// row, its default read from the parsed values. chart-readme.test.ts keeps chart/README.md current.
import { parse } from 'yaml';

export interface ValuesRow { readonly key: string; readonly description: string; readonly defaultValue: string }

/** Every documented key of a values.yaml, in file order. */
export function valuesRows(text: string): ValuesRow[] {
  const values = parse(text) as unknown;
  const rows: ValuesRow[] = [];
  const stack: { indent: number; key: string }[] = [];
  let description: string[] | undefined;
  let blockIndent: number | undefined;
  for (const line of text.split('\n')) {
    const indent = line.length - line.trimStart().length;
    if (blockIndent !== undefined) {
      if (line.trim() === '' || indent > blockIndent) continue;
      blockIndent = undefined;
    }
    const comment = /^\s*#\s?(.*)$/.exec(line);
    if (comment) {
      const text = comment[1]!;
      if (text.startsWith('-- ')) description = [text.slice(3).trim()];
      else if (description) description.push(text.trim());
      continue;
    }
    const key = /^(\s*)([A-Za-z0-9_.-]+):(?:\s+(.*))?$/.exec(line);
    if (!key) {
      if (line.trim() !== '') description = undefined;
      continue;
    }
    while (stack.length > 0 && stack.at(-1)!.indent >= indent) stack.pop();
    stack.push({ indent, key: key[2]! });
    if (/^[|>][-+]?$/.test(key[3]?.trim() ?? '')) blockIndent = indent;
    if (description) {
      const path = stack.map((s) => s.key);
      rows.push({ key: path.join('.'), description: description.join(' '), defaultValue: renderDefault(valueAt(values, path), path.join('.')) });
      description = undefined;
    }
  }
  return rows;
}

/** The value at `path`; throws when the comment scanner and the YAML parser disagree. */
export function valueAt(values: unknown, path: readonly string[]): unknown {
  let node = values;
  for (const p of path) {
    if (node === null || typeof node !== 'object' || !(p in node)) throw new Error(`values.yaml: no value at ${path.join('.')}`);
    node = (node as Record<string, unknown>)[p];
  }
  return node;
}

function renderDefault(value: unknown, key: string): string {
  if (typeof value === 'string') return value === '' ? '`""`' : value.includes('\n') ? 'see values.yaml' : `\`${value}\``;
  if (typeof value === 'number' || typeof value === 'boolean') return `\`${String(value)}\``;
  if (Array.isArray(value)) return value.length === 0 ? '`[]`' : 'see values.yaml';
  if (value !== null && typeof value === 'object') return Object.keys(value).length === 0 ? '`{}`' : 'see values.yaml';
  throw new Error(`values.yaml: ${key} has no default`);
}

/** One Markdown table per top-level key. */
export function renderValuesTables(rows: readonly ValuesRow[]): string {
  const sections = [...new Set(rows.map((r) => r.key.split('.')[0]!))];
  return sections.map((section) => [
    `### \`${section}\``, '',
    '| Parameter | Description | Default |', '|---|---|---|',
    ...rows.filter((r) => r.key.split('.')[0] === section).map((r) => `| \`${r.key}\` | ${r.description.replace(/\|/g, '\\|')} | ${r.defaultValue} |`),
  ].join('\n')).join('\n\n') + '\n';
}

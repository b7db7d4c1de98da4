import { Document } from 'yaml';

/**
 * Renders values as YAML that YAML 1.1 readers (kubectl, Helm, the API server) read back unchanged:
 * `no`, `on`, `y`, `1:20` and `0777` come out quoted. Key order is kept, lines never fold, and the
 * output is byte-identical for equal input. A value used twice (a planner's shared `['*']`) is
 * written out twice, never as a `&a1`/`*a1` alias: manifests are read by people and by tools that
 * handle aliases poorly.
 */
export function renderYaml(value: unknown): string {
  return new Document(value, { version: '1.1', aliasDuplicateObjects: false }).toString({ lineWidth: 0, minContentWidth: 0, indentSeq: true });
}

/** Renders several objects as one multi-document YAML stream (`---` between documents). */
export function renderYamlDocuments(values: readonly unknown[]): string {
  return values.map((v) => renderYaml(v)).join('---\n');
}

/** Renders a value as pretty JSON with a trailing newline. */
export function renderJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

import { Document } from 'yaml';

/**
 * Renders values as YAML that YAML 1.1 readers (kubectl, Helm, the API server) read back unchanged:
 * `no`, `on`, `y`, `1:20` and `0777` come out quoted. Key order is kept, lines never fold, and the
 * output is byte-identical for equal input.
 */
export function renderYaml(value: unknown): string {
  return new Document(value, { version: '1.1' }).toString({ lineWidth: 0, minContentWidth: 0, indentSeq: true });
}

/** Renders several objects as one multi-document YAML stream (`---` between documents). */
export function renderYamlDocuments(values: readonly unknown[]): string {
  return values.map((v) => renderYaml(v)).join('---\n');
}

/** Renders a value as pretty JSON with a trailing newline. */
export function renderJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

import { Document } from 'yaml';
import { cloneValue } from '../clone-value.ts';
import { TEMPLATE_LIMITS } from '../limits.ts';
import { RenderError } from '../render-error.ts';

/**
 * `toYaml VALUE`: block YAML with map keys sorted and no trailing newline, as Helm's toYaml
 * writes it; nil is `null`. Strings YAML 1.1 would misread (`no`, `on`, `0777`) are quoted.
 */
export function toYaml(value: unknown): string {
  const copy = cloneValue(value) ?? null;
  const text = new Document(copy, { version: '1.1', sortMapEntries: true })
    .toString({ lineWidth: 0, minContentWidth: 0, indentSeq: true })
    .replace(/\n$/, '');
  if (text.length > TEMPLATE_LIMITS.maxOutputLength) {
    throw new RenderError(`toYaml: output is longer than ${TEMPLATE_LIMITS.maxOutputLength} characters`);
  }
  return text;
}

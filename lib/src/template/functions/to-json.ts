import { TEMPLATE_LIMITS } from '../limits.ts';
import { ownValue } from '../own-value.ts';
import { RenderError } from '../render-error.ts';

/**
 * Serialises a JSON-like value with object keys sorted, as Go's encoding/json does for maps.
 * Unlike Go it does not escape `<`, `>` and `&`. Reads own data properties only, so getters and
 * `toJSON` methods never run; functions and symbols become null.
 */
export function toJson(value: unknown): string {
  const parts: string[] = [];
  let length = 0;
  const push = (text: string): void => {
    length += text.length;
    if (length > TEMPLATE_LIMITS.maxOutputLength) {
      throw new RenderError(`toJson: output is longer than ${TEMPLATE_LIMITS.maxOutputLength} characters`);
    }
    parts.push(text);
  };
  write(value, 0, push);
  return parts.join('');
}

function write(value: unknown, depth: number, push: (text: string) => void): void {
  if (typeof value === 'string') return push(JSON.stringify(value));
  if (typeof value === 'number') return push(Number.isFinite(value) ? String(value) : 'null');
  if (typeof value === 'boolean') return push(value ? 'true' : 'false');
  if (typeof value !== 'object' || value === null) return push('null');
  if (depth >= TEMPLATE_LIMITS.maxValueDepth) {
    throw new RenderError(`toJson: value is nested deeper than ${TEMPLATE_LIMITS.maxValueDepth} levels`);
  }
  if (Array.isArray(value)) {
    push('[');
    for (let i = 0; i < value.length; i++) {
      if (i > 0) push(',');
      write(ownValue(value, String(i)), depth + 1, push);
    }
    return push(']');
  }
  push('{');
  let first = true;
  for (const key of Object.keys(value).sort(compareKeys)) {
    const item = ownValue(value, key);
    if (item === undefined) continue;
    push(`${first ? '' : ','}${JSON.stringify(key)}:`);
    first = false;
    write(item, depth + 1, push);
  }
  push('}');
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

import { TEMPLATE_LIMITS } from './limits.ts';
import { ownValue } from './own-value.ts';
import { RenderError } from './render-error.ts';

/**
 * Copies a JSON-like value so a rendered result never shares objects with the input data.
 * Reads own data properties only (getters never run); functions and symbols are dropped.
 */
export function cloneValue(value: unknown, depth = 0): unknown {
  if (typeof value !== 'object' || value === null) return isJsonScalar(value) ? value : undefined;
  if (depth >= TEMPLATE_LIMITS.maxValueDepth) throw new RenderError(`value is nested deeper than ${TEMPLATE_LIMITS.maxValueDepth} levels`);
  if (Array.isArray(value)) {
    return Array.from({ length: value.length }, (_, i) => cloneValue(ownValue(value, String(i)), depth + 1) ?? null);
  }
  const entries: [string, unknown][] = [];
  for (const key of Object.keys(value)) {
    const item = cloneValue(ownValue(value, key), depth + 1);
    if (item !== undefined) entries.push([key, item]);
  }
  // fromEntries defines properties, so a "__proto__" key stays data instead of changing the prototype.
  return Object.fromEntries(entries);
}

function isJsonScalar(value: unknown): boolean {
  return value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

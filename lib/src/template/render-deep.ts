import type { Template } from './ast.ts';
import { compileTemplate, isTemplate, type CompileOptions } from './compile-template.ts';
import { TEMPLATE_LIMITS } from './limits.ts';
import { ownValue } from './own-value.ts';
import { renderTemplate } from './render-template.ts';
import { isRecord } from './values.ts';

/** Options for `renderDeep`. */
export interface RenderDeepOptions extends CompileOptions {
  /**
   * Compiled templates by source, owned by the caller (for example one per loaded Katalog) so
   * repeated renders skip parsing. Use one cache per `roots` setting.
   */
  readonly cache?: Map<string, Template>;
}

/** A rendered copy of the value, or the first failure with its dotted path (`spec.replicas`, `env[0].value`). */
export type RenderDeepResult = { ok: true; value: unknown } | { ok: false; error: string; path: string };

class DeepFailure {
  readonly error: string;
  readonly path: string;
  constructor(error: string, path: string) {
    this.error = error;
    this.path = path;
  }
}

/**
 * Renders every string containing `{{` inside a JSON-like value and returns a new value; map
 * keys are never rendered. A single action keeps its type, and a nil result becomes "" (the key
 * stays). Never throws.
 */
export function renderDeep(value: unknown, data: unknown, options: RenderDeepOptions = {}): RenderDeepResult {
  try {
    return { ok: true, value: walk(value, data, options, '', 0) };
  } catch (error) {
    if (error instanceof DeepFailure) return { ok: false, error: error.error, path: error.path };
    return { ok: false, error: `could not render: ${error instanceof Error ? error.message : String(error)}`, path: '' };
  }
}

function walk(value: unknown, data: unknown, options: RenderDeepOptions, path: string, depth: number): unknown {
  if (typeof value === 'string') return isTemplate(value) ? render(value, data, options, path) : value;
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= TEMPLATE_LIMITS.maxValueDepth) throw new DeepFailure(`value is nested deeper than ${TEMPLATE_LIMITS.maxValueDepth} levels`, path);
  if (Array.isArray(value)) {
    return Array.from({ length: value.length }, (_, i) => walk(ownValue(value, String(i)), data, options, `${path}[${i}]`, depth + 1));
  }
  if (!isRecord(value)) return value;
  // fromEntries defines properties, so a "__proto__" key stays data instead of changing the prototype.
  return Object.fromEntries(Object.keys(value).map((key) =>
    [key, walk(ownValue(value, key), data, options, path === '' ? key : `${path}.${key}`, depth + 1)]));
}

function render(source: string, data: unknown, options: RenderDeepOptions, path: string): unknown {
  let template = options.cache?.get(source);
  if (template === undefined) {
    const compiled = compileTemplate(source, options);
    if (!compiled.ok) {
      const { code, message, offset } = compiled.error;
      throw new DeepFailure(`${code} at offset ${offset}: ${message}`, path);
    }
    template = compiled.template;
    options.cache?.set(source, template);
  }
  const rendered = renderTemplate(template, data);
  if (!rendered.ok) throw new DeepFailure(rendered.error, path);
  return rendered.value === undefined ? '' : rendered.value;
}

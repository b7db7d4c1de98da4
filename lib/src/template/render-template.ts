import type { Template } from './ast.ts';
import { cloneValue } from './clone-value.ts';
import { evaluatePipeline, evaluateText, type Scope } from './evaluate.ts';
import { RenderError } from './render-error.ts';

/** A rendered value, or why rendering failed. */
export type RenderResult = { ok: true; value: unknown } | { ok: false; error: string };

/**
 * Renders a compiled template against data (the custom resource). A single-action template
 * yields the value with its type (a copy for maps and arrays; undefined for nil); any other
 * template yields a string. Never throws.
 */
export function renderTemplate(t: Template, data: unknown): RenderResult {
  const scope: Scope = { root: data, work: 0 };
  try {
    const only = t.nodes[0];
    if (t.singleAction && only?.type === 'output') {
      const value = evaluatePipeline(only.pipeline, scope);
      return { ok: true, value: value === null || value === undefined ? undefined : cloneValue(value) };
    }
    return { ok: true, value: evaluateText(t.nodes, scope) };
  } catch (error) {
    if (error instanceof RenderError) return { ok: false, error: error.message };
    // Not expected: the parser bounds nesting. Report rather than throw, as promised.
    return { ok: false, error: `template could not be rendered: ${error instanceof Error ? error.message : String(error)}` };
  }
}

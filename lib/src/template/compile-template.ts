import type { Template, TemplateError } from './ast.ts';
import { lexTemplate } from './lexer.ts';
import { CR_ROOTS, TEMPLATE_LIMITS } from './limits.ts';
import { parseTemplate } from './parse-template.ts';
import { ParseFailure, tokenCursor } from './token-cursor.ts';

/** Options for `compileTemplate`. */
export interface CompileOptions {
  /**
   * First path segments a template may read (ORK1204 otherwise); default `CR_ROOTS`
   * (metadata, spec, status). `'any'` lifts the restriction. `.` and `$` alone are always allowed.
   */
  readonly roots?: readonly string[] | 'any';
}

/** The outcome of compiling: a reusable template, or the first error with its source offset. */
export type CompileResult = { ok: true; template: Template } | { ok: false; error: TemplateError };

/** True when the string is a template, i.e. contains `{{`; other strings are literals. */
export function isTemplate(s: string): boolean {
  return s.includes('{{');
}

/** Parses a template once so it can be rendered many times; reports the first syntax error. */
export function compileTemplate(source: string, options: CompileOptions = {}): CompileResult {
  if (source.length > TEMPLATE_LIMITS.maxSourceLength) {
    return { ok: false, error: { code: 'ORK1200', message: `template is longer than ${TEMPLATE_LIMITS.maxSourceLength} characters`, offset: TEMPLATE_LIMITS.maxSourceLength } };
  }
  const roots = options.roots === 'any' ? undefined : options.roots ?? CR_ROOTS;
  try {
    const parsed = parseTemplate(tokenCursor(source, lexTemplate(source), roots));
    return { ok: true, template: { source, singleAction: parsed.singleAction, nodes: parsed.nodes } };
  } catch (error) {
    if (error instanceof ParseFailure) return { ok: false, error: error.error };
    throw error;
  }
}

/** Checks a template's syntax, functions, arities and roots without keeping the compiled form. */
export function checkTemplateSyntax(source: string, options: CompileOptions = {}): TemplateError | undefined {
  const result = compileTemplate(source, options);
  return result.ok ? undefined : result.error;
}

/** The JSON-ish type of a value, as the Katalog validator compares it with a field's schema. */
export type ValueType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array' | 'unknown';

/**
 * A compile-time problem, positioned by a 0-based UTF-16 offset into the template source.
 * ORK1200 syntax, ORK1201 unknown function, ORK1204 root not allowed, ORK1205 wrong argument count.
 */
export interface TemplateError {
  readonly code: 'ORK1200' | 'ORK1201' | 'ORK1204' | 'ORK1205';
  readonly message: string;
  readonly offset: number;
  readonly hint?: string;
}

/** A field read: `.spec.image` is `['spec', 'image']`; `.` and `$` are the empty path (the whole object). */
export interface PathExpr { readonly type: 'path'; readonly path: readonly string[]; readonly offset: number }

/** A constant written in the template; `nil` is `null`. */
export interface LiteralExpr {
  readonly type: 'literal';
  readonly value: string | number | boolean | null;
  readonly valueType: ValueType;
  readonly offset: number;
}

/** A function call; in a pipeline stage after the first, the previous value is appended as the last argument. */
export interface CallExpr {
  readonly type: 'call';
  readonly name: string;
  readonly args: readonly Expr[];
  /** Offset of the function name. */
  readonly offset: number;
  /**
   * For functions that act on a subject (`default`, `contains`, `join`...): true when the subject
   * was written last (sprig/Helm order, or piped), false when first (the reference's notes order).
   * Decided at compile time by `decideSubjectOrder`; absent for other functions.
   */
  readonly subjectLast?: boolean;
}

/** `a | f x | g`: stage 0 is any expression, every later stage is a call. */
export interface PipelineExpr {
  readonly type: 'pipeline';
  readonly stages: readonly [Expr, ...CallExpr[]];
  readonly offset: number;
}

/** Anything that yields a value. */
export type Expr = PathExpr | LiteralExpr | CallExpr | PipelineExpr;

/** One `{{ if }}` or `{{ else if }}` arm. */
export interface IfBranch { readonly condition: PipelineExpr; readonly body: readonly TemplateNode[] }

/** A piece of a template body; comments leave no node. */
export type TemplateNode =
  | { readonly type: 'text'; readonly text: string; readonly offset: number }
  /** `offset` is the `{{` of the action and `end` the index just past its `}}`. */
  | { readonly type: 'output'; readonly pipeline: PipelineExpr; readonly offset: number; readonly end: number }
  | { readonly type: 'if'; readonly branches: readonly IfBranch[]; readonly otherwise: readonly TemplateNode[]; readonly offset: number };

/** A compiled template: parse once, render many times. */
export interface Template {
  readonly source: string;
  /** True when the whole source is one `{{ pipeline }}` action, so rendering keeps the value's type. */
  readonly singleAction: boolean;
  readonly nodes: readonly TemplateNode[];
}

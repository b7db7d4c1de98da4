import type { Expr, Template, TemplateNode } from './ast.ts';

/** A field path a template reads, with the 0-based UTF-16 offset of its first token (`.` or `$`) in the source. */
export interface TemplatePathRef {
  readonly path: readonly string[];
  readonly offset: number;
}

/** Every field path the template reads, in source order; `.` and `$` alone give the empty path. */
export function templateReferences(t: Template): TemplatePathRef[] {
  const refs: TemplatePathRef[] = [];
  collectNodes(t.nodes, refs);
  return refs;
}

function collectNodes(nodes: readonly TemplateNode[], refs: TemplatePathRef[]): void {
  for (const node of nodes) {
    if (node.type === 'output') collectExpr(node.pipeline, refs);
    else if (node.type === 'if') {
      for (const branch of node.branches) {
        collectExpr(branch.condition, refs);
        collectNodes(branch.body, refs);
      }
      collectNodes(node.otherwise, refs);
    }
  }
}

function collectExpr(expr: Expr, refs: TemplatePathRef[]): void {
  switch (expr.type) {
    case 'path': refs.push({ path: expr.path, offset: expr.offset }); break;
    case 'literal': break;
    case 'call': for (const arg of expr.args) collectExpr(arg, refs); break;
    case 'pipeline': for (const stage of expr.stages) collectExpr(stage, refs); break;
  }
}

import type { Expr, PipelineExpr, Template, TemplateNode, ValueType } from '../template/ast.ts';
import { FUNCTIONS } from '../template/functions/table.ts';

/**
 * How a template uses a value it reads:
 * `output` it becomes the field's value (a single action, possibly through `default`/`and`/`or`);
 * `text` it is printed into text or handed to a string function;
 * `whole` it is serialised whole (`toJson`), so every nested field matters;
 * `test` only its truth is tested (`if`, `not`, `empty`);
 * a scalar type: it is compared with, or computed as, a value of that type.
 */
export type TemplateUse = 'output' | 'text' | 'whole' | 'test' | 'string' | 'integer' | 'number' | 'boolean';

/** A field path a template reads and how it uses it. */
export interface TemplatePathUse {
  readonly path: readonly string[];
  readonly use: TemplateUse;
}

const COMPARISONS = new Set(['eq', 'ne', 'lt', 'le', 'gt', 'ge']);
// Functions that read their argument as a whole value of some shape (a list, a map, any JSON).
const WHOLE = new Set(['toJson', 'toJSON', 'toYaml', 'index', 'len', 'keys', 'hasKey', 'join', 'typeOf', 'typeMap', 'typeList', 'typeString', 'typeNumber', 'typeBool', 'typeNull']);
const INTEGER_MATH = new Set(['add', 'sub', 'mul', 'div', 'mod', 'max', 'min']);
const TESTS = new Set(['not', 'empty', 'notEmpty', 'toBool']);
const SCALARS = new Set<ValueType>(['string', 'integer', 'number', 'boolean']);

/** Every field path `template` reads, with how the value is used, in source order. */
export function templateUses(template: Template): TemplatePathUse[] {
  const out: TemplatePathUse[] = [];
  walkNodes(template.nodes, template.singleAction ? 'output' : 'text', out);
  return out;
}

function walkNodes(nodes: readonly TemplateNode[], outputUse: TemplateUse, out: TemplatePathUse[]): void {
  for (const node of nodes) {
    if (node.type === 'output') walkPipeline(node.pipeline, outputUse, out);
    else if (node.type === 'if') {
      for (const branch of node.branches) {
        walkPipeline(branch.condition, 'test', out);
        walkNodes(branch.body, 'text', out);
      }
      walkNodes(node.otherwise, 'text', out);
    }
  }
}

// `a | f x | g` is g(f(x, a)): walk from the last stage back, each stage deciding how its
// arguments (the piped value included) are used.
function walkPipeline(pipeline: PipelineExpr, use: TemplateUse, out: TemplatePathUse[]): void {
  const [first, ...calls] = pipeline.stages;
  let current = use;
  for (let i = calls.length - 1; i >= 0; i--) {
    const call = calls[i]!;
    current = argumentUse(call.name, call.args, current);
    for (const arg of call.args) walkExpr(arg, current, out);
  }
  walkExpr(first, current, out);
}

function walkExpr(expr: Expr, use: TemplateUse, out: TemplatePathUse[]): void {
  switch (expr.type) {
    case 'path': out.push({ path: expr.path, use }); break;
    case 'literal': break;
    case 'pipeline': walkPipeline(expr, use, out); break;
    case 'call': {
      const argUse = argumentUse(expr.name, expr.args, use);
      for (const arg of expr.args) walkExpr(arg, argUse, out);
    }
  }
}

function argumentUse(name: string, args: readonly Expr[], resultUse: TemplateUse): TemplateUse {
  const result = FUNCTIONS.get(name)?.result;
  // default/and/or return one of their arguments, so the arguments are used as the result is.
  if (result === 'value-or-default' || result === 'common' || result === 'branches') return resultUse;
  if (WHOLE.has(name)) return 'whole';
  if (TESTS.has(name)) return 'test';
  if (INTEGER_MATH.has(name)) return 'integer';
  if (COMPARISONS.has(name)) {
    const literal = args.find((a) => a.type === 'literal');
    return literal?.type === 'literal' && SCALARS.has(literal.valueType) ? (literal.valueType as TemplateUse) : 'text';
  }
  return 'text';
}

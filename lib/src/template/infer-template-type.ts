import type { CallExpr, Expr, PipelineExpr, Template, ValueType } from './ast.ts';
import { subjectFirst } from './decide-subject-order.ts';
import { FUNCTIONS } from './functions/table.ts';

/** Answers the schema type of a path the template reads (`unknown` when the schema does not say). */
export type TypeOfPath = (path: readonly string[]) => ValueType;

/**
 * The type a template renders to: `string` unless it is a single action, otherwise the type of its
 * final stage (a path's schema type, a literal's type, or the function's declared result type).
 */
export function inferTemplateType(t: Template, typeOfPath: TypeOfPath): ValueType {
  const only = t.nodes[0];
  if (!t.singleAction || only?.type !== 'output') return 'string';
  return typeOfPipeline(only.pipeline, typeOfPath);
}

function typeOfPipeline(pipeline: PipelineExpr, typeOfPath: TypeOfPath): ValueType {
  return typeOfStage(pipeline.stages, pipeline.stages.length - 1, typeOfPath);
}

// Stage i > 0 receives stage i-1 as its last argument, so types flow from left to right.
function typeOfStage(stages: PipelineExpr['stages'], i: number, typeOfPath: TypeOfPath): ValueType {
  const stage = stages[i];
  if (stage === undefined) return 'unknown';
  if (i === 0 || stage.type !== 'call') return typeOfExpr(stage, typeOfPath);
  return typeOfCall(stage, () => typeOfStage(stages, i - 1, typeOfPath), typeOfPath);
}

function typeOfExpr(expr: Expr, typeOfPath: TypeOfPath): ValueType {
  switch (expr.type) {
    case 'path': return typeOfPath(expr.path);
    case 'literal': return expr.valueType;
    case 'pipeline': return typeOfPipeline(expr, typeOfPath);
    case 'call': return typeOfCall(expr, undefined, typeOfPath);
  }
}

function typeOfCall(call: CallExpr, piped: (() => ValueType) | undefined, typeOfPath: TypeOfPath): ValueType {
  const fn = FUNCTIONS.get(call.name);
  const result = fn?.result ?? 'unknown';
  if (result !== 'value-or-default' && result !== 'common' && result !== 'branches') return result;
  const written = [...call.args.map((a) => typeOfExpr(a, typeOfPath)), ...(piped ? [piped()] : [])];
  const types = fn?.subject ? subjectFirst(written, call.subjectLast) : written;
  if (result === 'value-or-default') {
    // default VALUE FALLBACK: the value when its type is known, else the fallback's.
    const [value = 'unknown', fallback = 'unknown'] = types;
    return value !== 'unknown' ? value : fallback;
  }
  const [first = 'unknown', ...others] = result === 'branches' ? types.slice(1) : types;
  return others.every((t) => t === first) ? first : 'unknown';
}

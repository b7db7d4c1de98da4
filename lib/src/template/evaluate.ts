import type { CallExpr, Expr, PipelineExpr, TemplateNode } from './ast.ts';
import { subjectFirst } from './decide-subject-order.ts';
import { FUNCTIONS } from './functions/table.ts';
import { TEMPLATE_LIMITS } from './limits.ts';
import { ownValue } from './own-value.ts';
import { RenderError } from './render-error.ts';
import { formatText, isRecord, isTruthy } from './values.ts';

/** Per-render state: the data templates read and the work done so far (see TEMPLATE_LIMITS.maxWorkLength). */
export interface Scope {
  readonly root: unknown;
  work: number;
}

/** Renders nodes to text; throws RenderError past the output limit or on a failing function. */
export function evaluateText(nodes: readonly TemplateNode[], scope: Scope): string {
  const parts: string[] = [];
  let length = 0;
  const write = (text: string): void => {
    length += text.length;
    if (length > TEMPLATE_LIMITS.maxOutputLength) throw new RenderError(`output is longer than ${TEMPLATE_LIMITS.maxOutputLength} characters`);
    parts.push(text);
  };
  writeNodes(nodes, scope, write);
  return parts.join('');
}

function writeNodes(nodes: readonly TemplateNode[], scope: Scope, write: (text: string) => void): void {
  for (const node of nodes) {
    if (node.type === 'text') write(node.text);
    else if (node.type === 'output') write(formatText(evaluatePipeline(node.pipeline, scope)));
    else {
      const branch = node.branches.find((b) => isTruthy(evaluatePipeline(b.condition, scope)));
      writeNodes(branch?.body ?? node.otherwise, scope, write);
    }
  }
}

/** Evaluates a pipeline: each stage after the first receives the previous value as its last argument. */
export function evaluatePipeline(pipeline: PipelineExpr, scope: Scope): unknown {
  const [first, ...rest] = pipeline.stages;
  let value = evaluateExpr(first, scope);
  for (const stage of rest) value = evaluateCall(stage, scope, { value });
  return value;
}

function evaluateExpr(expr: Expr, scope: Scope): unknown {
  switch (expr.type) {
    case 'path': return lookup(scope.root, expr.path);
    case 'literal': return expr.value;
    case 'pipeline': return evaluatePipeline(expr, scope);
    case 'call': return evaluateCall(expr, scope, undefined);
  }
}

function evaluateCall(call: CallExpr, scope: Scope, piped: { value: unknown } | undefined): unknown {
  if (call.name === 'and' || call.name === 'or') return shortCircuit(call, scope, piped);
  const fn = FUNCTIONS.get(call.name);
  // compileTemplate rejects unknown names, so this only fires on a hand-built AST.
  if (fn === undefined) throw new RenderError(`unknown function "${call.name}"`);
  const args = call.args.map((arg) => evaluateExpr(arg, scope));
  if (piped !== undefined) args.push(piped.value);
  // Charge the inputs before the call, so no single call starts on more text than the budget allows.
  charge(scope, call.name, args.reduce<number>((sum, arg) => sum + (typeof arg === 'string' ? arg.length : 0), 0));
  const result = fn.call(fn.subject ? subjectFirst(args, call.subjectLast) : args);
  if (typeof result === 'string') {
    if (result.length > TEMPLATE_LIMITS.maxOutputLength) {
      throw new RenderError(`${call.name}: result is longer than ${TEMPLATE_LIMITS.maxOutputLength} characters`);
    }
    charge(scope, call.name, result.length);
  }
  return result;
}

// Go 1.18+ stops evaluating and/or arguments once the result is known; the piped value is already evaluated.
function shortCircuit(call: CallExpr, scope: Scope, piped: { value: unknown } | undefined): unknown {
  const stopOn = call.name === 'or';
  let last: unknown;
  for (const arg of call.args) {
    last = evaluateExpr(arg, scope);
    if (isTruthy(last) === stopOn) return last;
  }
  return piped === undefined ? last : piped.value;
}

function charge(scope: Scope, name: string, work: number): void {
  scope.work += work;
  if (scope.work > TEMPLATE_LIMITS.maxWorkLength) {
    throw new RenderError(`${name}: template does too much work: its functions processed more than ${TEMPLATE_LIMITS.maxWorkLength} characters`);
  }
}

/** Reads a path with own-property lookups only; a missing key, or a key under a non-object, is nil. */
export function lookup(root: unknown, path: readonly string[]): unknown {
  let value = root;
  for (const key of path) {
    if (!isRecord(value)) return undefined;
    value = ownValue(value, key);
  }
  return typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint' ? undefined : value;
}

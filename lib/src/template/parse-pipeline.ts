import type { CallExpr, Expr, PipelineExpr } from './ast.ts';
import { decideSubjectOrder } from './decide-subject-order.ts';
import { FUNCTIONS } from './functions/table.ts';
import { TEMPLATE_LIMITS } from './limits.ts';
import type { Token } from './lexer.ts';
import { suggestFunction } from './suggest-function.ts';
import { fail, showToken, type TokenCursor } from './token-cursor.ts';

// Words that start or end blocks; inside a command they are errors, not function names.
const KEYWORDS: ReadonlySet<string> = new Set([
  'if', 'else', 'end', 'with', 'range', 'define', 'template', 'block', 'break', 'continue',
]);

// Functions of the reference's notes and sprig that read the clock, entropy or the environment.
const IMPURE: ReadonlySet<string> = new Set([
  'now', 'timeAgo', 'timeSince', 'timeUntil', 'isExpired', 'weekday', 'weekend', 'timeInWindow', 'timeNotInWindow', 'nextCron',
  'randomAlphanumeric', 'randomHex', 'randomBase64', 'uuidv4', 'randAlphaNum', 'randAlpha', 'randNumeric', 'randAscii', 'env', 'expandenv',
]);

interface Operand { readonly expr: Expr; readonly functionName: boolean }

/**
 * Parses `command | command ...` up to and including the closing token (`}}` for an action,
 * `)` for a parenthesised pipeline). Later stages must be function calls, which receive the
 * previous value as their last argument; arities are checked here, counting that value.
 */
export function parsePipeline(cursor: TokenCursor, end: 'close' | 'rparen', depth: number, start: number): PipelineExpr {
  if (depth > TEMPLATE_LIMITS.maxNestingDepth) fail(`nesting is deeper than ${TEMPLATE_LIMITS.maxNestingDepth} levels`, start);
  const first = parseCommand(cursor, end, depth, 0, start);
  const stages: [Expr, ...CallExpr[]] = [first];
  for (;;) {
    const token = cursor.next();
    if (token?.type === end) return { type: 'pipeline', stages, offset: stages[0].offset };
    // parseCommand stops only at a pipe or the closing token.
    const stage = parseCommand(cursor, end, depth, stages.length, token?.offset ?? start);
    if (stage.type !== 'call') {
      fail(`pipeline stage ${stages.length + 1} must be a function call: only functions receive a piped value`, stage.offset);
    }
    stages.push(stage);
  }
}

function parseCommand(cursor: TokenCursor, end: 'close' | 'rparen', depth: number, stage: number, start: number): Expr {
  const operands: Operand[] = [];
  for (;;) {
    const token = cursor.peek();
    if (token === undefined) fail('unclosed action: missing "}}"', start);
    if (token.type === 'error') fail(token.error.message, token.error.offset, token.error.code, token.error.hint);
    if (token.type === 'pipe' || token.type === end) break;
    if (token.type === 'close') fail('unclosed left parenthesis: missing ")"', start);
    if (operands.length > 0 && 'spaced' in token && !token.spaced) fail(`unexpected ${showToken(token, cursor.source)}: separate arguments with a space`, token.offset);
    operands.push(parseOperand(cursor, depth));
  }
  const head = operands[0];
  if (head === undefined) {
    const at = cursor.peek();
    return fail(`missing value: expected a field, a literal or a function before ${showToken(at, cursor.source)}`, at?.offset ?? start);
  }
  if (!head.functionName || head.expr.type !== 'call') {
    if (head.expr.type === 'literal' && head.expr.value === null) fail('nil is not a command', head.expr.offset);
    const extra = operands[1];
    if (extra !== undefined) fail('only a function can take arguments; this value is followed by another', extra.expr.offset);
    return head.expr;
  }
  const args = operands.slice(1);
  checkArity(head.expr.name, args.length + (stage > 0 ? 1 : 0), head.expr.offset, stage > 0);
  for (const arg of args) {
    // A function name used as an argument is called with no arguments, as in Go.
    if (arg.functionName && arg.expr.type === 'call') checkArity(arg.expr.name, 0, arg.expr.offset, false);
  }
  const exprs = args.map((o) => o.expr);
  if (FUNCTIONS.get(head.expr.name)?.subject) return { ...head.expr, args: exprs, subjectLast: decideSubjectOrder(exprs, stage > 0) };
  return { ...head.expr, args: exprs };
}

function parseOperand(cursor: TokenCursor, depth: number): Operand {
  const token = cursor.next() as Exclude<Token, { type: 'error' }>;
  switch (token.type) {
    case 'field': case 'variable': case 'dot':
      return { expr: parsePath(cursor, token), functionName: false };
    case 'string':
      return { expr: { type: 'literal', value: token.value, valueType: 'string', offset: token.offset }, functionName: false };
    case 'number':
      return { expr: { type: 'literal', value: token.value, valueType: token.valueType, offset: token.offset }, functionName: false };
    case 'lparen': {
      const inner = parsePipeline(cursor, 'rparen', depth + 1, token.offset);
      const after = cursor.peek();
      if (after?.type === 'field' && !after.spaced) fail('field access on a parenthesised expression is not supported', after.offset);
      return { expr: inner, functionName: false };
    }
    case 'ident':
      return parseIdentifier(token);
    case 'declare': case 'assign':
      return fail('variables are not supported: templates cannot declare or assign them', token.offset);
    default:
      return fail(`unexpected ${showToken(token, cursor.source)} in command`, token.offset);
  }
}

function parseIdentifier(token: Extract<Token, { type: 'ident' }>): Operand {
  const { name, offset } = token;
  if (name === 'true' || name === 'false') return { expr: { type: 'literal', value: name === 'true', valueType: 'boolean', offset }, functionName: false };
  if (name === 'nil') return { expr: { type: 'literal', value: null, valueType: 'unknown', offset }, functionName: false };
  if (KEYWORDS.has(name)) fail(`unexpected "${name}" inside an action: {{${name}}} must start its own action`, offset);
  if (!FUNCTIONS.has(name)) {
    if (IMPURE.has(name)) fail(`unknown function "${name}"`, offset, 'ORK1201', 'Templates are pure: they never read the clock, randomness or the environment, so the same custom resource always renders the same children.');
    const suggestion = suggestFunction(name);
    fail(`unknown function "${name}"`, offset, 'ORK1201', suggestion === undefined ? undefined : `Did you mean "${suggestion}"? See spec/templates.md for the functions templates may call.`);
  }
  // A function name alone is a call with no arguments, as in Go; parseCommand adds the arguments.
  return { expr: { type: 'call', name, args: [], offset }, functionName: true };
}

// A path: `.a.b`, `$.a.b`, `.` or `$`; fields must touch (`.a .b` is two arguments).
function parsePath(cursor: TokenCursor, first: Extract<Token, { type: 'field' | 'variable' | 'dot' }>): Expr {
  if (first.type === 'variable' && first.name !== '$') {
    fail(`variables are not supported ("${first.name}"); use "$" or "." for the custom resource`, first.offset);
  }
  const path: string[] = first.type === 'field' ? [first.name] : [];
  for (let next = cursor.peek(); next?.type === 'field' && !next.spaced; next = cursor.peek()) {
    if (first.type === 'dot') fail(`unexpected ".${next.name}" after "."`, next.offset);
    path.push(next.name);
    cursor.next();
  }
  const root = path[0];
  if (root !== undefined && cursor.roots !== undefined && !cursor.roots.includes(root)) {
    fail(`template root ".${root}" is not allowed: templates read ${cursor.roots.map((r) => '.' + r).join(', ')}`, first.offset, 'ORK1204');
  }
  return { type: 'path', path, offset: first.offset };
}

function checkArity(name: string, count: number, offset: number, piped: boolean): void {
  const fn = FUNCTIONS.get(name);
  if (fn === undefined || (count >= fn.minArgs && count <= fn.maxArgs)) return;
  const wanted = fn.minArgs === fn.maxArgs ? `${fn.minArgs}` : fn.maxArgs === Infinity ? `at least ${fn.minArgs}` : `${fn.minArgs} to ${fn.maxArgs}`;
  const plural = wanted === '1' ? 'argument' : 'arguments';
  fail(`${name} takes ${wanted} ${plural} (${fn.signature}), got ${count}${piped ? ' counting the piped value' : ''}`, offset, 'ORK1205');
}

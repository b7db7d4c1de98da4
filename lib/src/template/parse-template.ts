import type { IfBranch, PipelineExpr, TemplateNode } from './ast.ts';
import { TEMPLATE_LIMITS } from './limits.ts';
import type { Token } from './lexer.ts';
import { parsePipeline } from './parse-pipeline.ts';
import { fail, showToken, type TokenCursor } from './token-cursor.ts';

/** What ended a body: the end of input, or an `{{else}}`/`{{end}}` action (already consumed up to the keyword). */
type Terminator =
  | { type: 'eof' }
  | { type: 'else'; offset: number }
  | { type: 'end'; offset: number };

// A Map, not an object literal: `{{ toString }}` must not find Object.prototype.toString here.
const UNSUPPORTED: ReadonlyMap<string, string> = new Map(Object.entries({
  with: '{{with}} is not supported: use {{if}} and full field paths',
  range: '{{range}} is not supported: templates cannot loop',
  define: '{{define}} is not supported: templates cannot define or include other templates',
  template: '{{template}} is not supported: templates cannot define or include other templates',
  block: '{{block}} is not supported: templates cannot define or include other templates',
  break: '{{break}} is not supported: it belongs to {{range}}, which is not supported',
  continue: '{{continue}} is not supported: it belongs to {{range}}, which is not supported',
}));

/** The parsed body of a template, and whether it is one action spanning the whole source. */
export interface ParsedTemplate { readonly nodes: readonly TemplateNode[]; readonly singleAction: boolean }

/** Parses the token stream into nodes; throws ParseFailure on the first error. */
export function parseTemplate(cursor: TokenCursor): ParsedTemplate {
  const body = parseBody(cursor, 0);
  if (body.terminator.type !== 'eof') {
    fail(`unexpected {{${body.terminator.type}}}: there is no open {{if}}`, body.terminator.offset);
  }
  const [only, ...others] = body.nodes;
  const singleAction = others.length === 0 && only?.type === 'output' && only.offset === 0 && only.end === cursor.source.length;
  return { nodes: body.nodes, singleAction };
}

function parseBody(cursor: TokenCursor, depth: number): { nodes: TemplateNode[]; terminator: Terminator } {
  const nodes: TemplateNode[] = [];
  for (;;) {
    const token = cursor.next();
    if (token === undefined) return { nodes, terminator: { type: 'eof' } };
    if (token.type === 'error') fail(token.error.message, token.error.offset, token.error.code, token.error.hint);
    if (token.type === 'text') nodes.push({ type: 'text', text: token.text, offset: token.offset });
    if (token.type !== 'open') continue;
    const keyword = cursor.peek();
    const word = keyword?.type === 'ident' ? keyword.name : undefined;
    if (word === 'else' || word === 'end') {
      cursor.next();
      return { nodes, terminator: { type: word, offset: keyword?.offset ?? token.offset } };
    }
    if (word === 'if') {
      cursor.next();
      nodes.push(parseIf(cursor, token.offset, depth + 1));
      continue;
    }
    const unsupported = word === undefined ? undefined : UNSUPPORTED.get(word);
    if (unsupported !== undefined) fail(unsupported, keyword?.offset ?? token.offset);
    const pipeline = parsePipeline(cursor, 'close', depth, token.offset);
    // parsePipeline consumed the closing "}}".
    const close = cursor.previous();
    nodes.push({ type: 'output', pipeline, offset: token.offset, end: close?.type === 'close' ? close.end : token.offset });
  }
}

function parseIf(cursor: TokenCursor, offset: number, depth: number): TemplateNode {
  if (depth > TEMPLATE_LIMITS.maxNestingDepth) fail(`nesting is deeper than ${TEMPLATE_LIMITS.maxNestingDepth} levels`, offset);
  const branches: IfBranch[] = [];
  let condition = parseCondition(cursor, 'if', offset, depth);
  for (;;) {
    const body = parseBody(cursor, depth);
    branches.push({ condition, body: body.nodes });
    const end = body.terminator;
    if (end.type === 'eof') fail('unterminated {{if}}: missing {{end}}', offset);
    if (end.type === 'end') {
      expectClose(cursor, 'end');
      return { type: 'if', branches, otherwise: [], offset };
    }
    const next = cursor.peek();
    if (next?.type === 'ident' && next.name === 'if') {
      cursor.next();
      condition = parseCondition(cursor, 'else if', next.offset, depth);
      continue;
    }
    if (next?.type === 'ident' && UNSUPPORTED.has(next.name)) fail(`{{else ${next.name}}} is not supported`, next.offset);
    expectClose(cursor, 'else');
    const otherwise = parseBody(cursor, depth);
    if (otherwise.terminator.type === 'eof') fail('unterminated {{if}}: missing {{end}}', offset);
    if (otherwise.terminator.type === 'else') fail('{{else}} after {{else}}: expected {{end}}', otherwise.terminator.offset);
    expectClose(cursor, 'end');
    return { type: 'if', branches, otherwise: otherwise.nodes, offset };
  }
}

function parseCondition(cursor: TokenCursor, keyword: string, offset: number, depth: number): PipelineExpr {
  const next = cursor.peek();
  if (next?.type === 'close') fail(`{{${keyword}}} needs a condition`, next.offset);
  return parsePipeline(cursor, 'close', depth, offset);
}

function expectClose(cursor: TokenCursor, keyword: string): void {
  const token: Token | undefined = cursor.next();
  if (token?.type === 'close') return;
  if (token?.type === 'error') fail(token.error.message, token.error.offset, token.error.code, token.error.hint);
  fail(`unexpected ${showToken(token, cursor.source)} after {{${keyword}}}`, token?.offset ?? cursor.source.length);
}

import type { TemplateError } from './ast.ts';
import type { Token } from './lexer.ts';

/** Stops parsing with the first error; caught by `compileTemplate`, never seen by callers. */
export class ParseFailure extends Error {
  override readonly name = 'ParseFailure';
  readonly error: TemplateError;
  constructor(error: TemplateError) {
    super(error.message);
    this.error = error;
  }
}

/** A read position over the token list, shared by the body and the pipeline parsers. */
export interface TokenCursor {
  readonly source: string;
  /** Roots a path may start with; undefined allows any. */
  readonly roots: readonly string[] | undefined;
  peek(): Token | undefined;
  next(): Token | undefined;
  /** The token `next` returned last. */
  previous(): Token | undefined;
}

/** Creates a cursor at the first token. */
export function tokenCursor(source: string, tokens: readonly Token[], roots: readonly string[] | undefined): TokenCursor {
  let pos = 0;
  return {
    source,
    roots,
    peek: () => tokens[pos],
    next: () => tokens[pos++],
    previous: () => tokens[pos - 1],
  };
}

/** Throws a syntax error (ORK1200 unless another code is given). */
export function fail(message: string, offset: number, code: TemplateError['code'] = 'ORK1200', hint?: string): never {
  throw new ParseFailure(hint === undefined ? { code, message, offset } : { code, message, offset, hint });
}

/** Describes a token for "unexpected ..." messages. */
export function showToken(token: Token | undefined, source: string): string {
  if (token === undefined) return 'end of template';
  switch (token.type) {
    case 'text': return 'text';
    case 'open': return '"{{"';
    case 'close': return '"}}"';
    case 'comment': return 'comment';
    case 'error': return token.error.message;
    case 'field': return `".${token.name}"`;
    case 'variable': case 'ident': return `"${token.name}"`;
    case 'string': return `string ${JSON.stringify(token.value.length > 20 ? token.value.slice(0, 20) + '…' : token.value)}`;
    case 'number': return `number ${source.slice(token.offset).match(/^[^\s|()}]*/)?.[0] ?? ''}`;
    case 'dot': return '"."';
    case 'pipe': return '"|"';
    case 'lparen': return '"("';
    case 'rparen': return '")"';
    case 'declare': return '":="';
    case 'assign': return '"="';
    case 'comma': return '","';
  }
}

import type { TemplateError } from './ast.ts';
import { lexNumber } from './lex-number.ts';
import { unquoteGoString } from './unquote.ts';

interface Positioned { readonly offset: number; /** Whitespace precedes the token inside its action. */ readonly spaced: boolean }

/** One lexical item of a template: text between actions, delimiters, and the tokens inside actions. */
export type Token =
  | { readonly type: 'text'; readonly text: string; readonly offset: number }
  | { readonly type: 'open'; readonly offset: number }
  | { readonly type: 'close'; readonly offset: number; readonly end: number }
  | { readonly type: 'comment'; readonly offset: number; readonly end: number }
  | (Positioned & { readonly type: 'field'; readonly name: string })
  | (Positioned & { readonly type: 'variable'; readonly name: string })
  | (Positioned & { readonly type: 'ident'; readonly name: string })
  | (Positioned & { readonly type: 'string'; readonly value: string })
  | (Positioned & { readonly type: 'number'; readonly value: number; readonly valueType: 'integer' | 'number' })
  | (Positioned & { readonly type: 'dot' })
  | (Positioned & { readonly type: 'pipe' | 'lparen' | 'rparen' | 'declare' | 'assign' | 'comma' })
  | { readonly type: 'error'; readonly error: TemplateError; readonly offset: number };

const OPEN = '{{';
const CLOSE = '}}';
// Go trims and separates with exactly these four; other Unicode spaces are ordinary characters.
const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n';
// Sticky regexes match in place without slicing; lastIndex is set before every exec.
const WORD = /[\p{L}\p{Nd}_]*/uy;
const WORD_START = /[\p{L}_]/u;
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/**
 * Splits a template into tokens as Go's text/template lexer does, applying `{{-`/`-}}` trimming
 * to the surrounding text. Lexing stops at the first malformed token, which becomes an `error`
 * token so the parser can report whichever problem comes first in the source.
 */
export function lexTemplate(source: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  let trimNext = false;
  for (;;) {
    const open = source.indexOf(OPEN, pos);
    const textEnd = open < 0 ? source.length : open;
    const trimBefore = open >= 0 && source[open + 2] === '-' && isSpace(source[open + 3]);
    let text = source.slice(pos, textEnd);
    let textStart = pos;
    if (trimNext) {
      let skip = 0;
      while (isSpace(text[skip])) skip++;
      textStart += skip;
      text = text.slice(skip);
    }
    if (trimBefore) {
      // A loop, not /\s+$/: that regex is quadratic on long runs of inner spaces.
      let end = text.length;
      while (end > 0 && isSpace(text[end - 1])) end--;
      text = text.slice(0, end);
    }
    if (text !== '') tokens.push({ type: 'text', text, offset: textStart });
    if (open < 0) return tokens;
    const action = lexAction(source, open, trimBefore ? open + 4 : open + 2, tokens);
    if (action === undefined) return tokens;
    pos = action.end;
    trimNext = action.trimAfter;
  }
}

interface ActionEnd { readonly end: number; readonly trimAfter: boolean }

const error = (tokens: Token[], message: string, offset: number, hint?: string): undefined => {
  tokens.push({ type: 'error', error: hint === undefined ? { code: 'ORK1200', message, offset } : { code: 'ORK1200', message, offset, hint }, offset });
  return undefined;
};

// Returns where the action ends, or undefined after pushing an error token.
function lexAction(source: string, open: number, start: number, tokens: Token[]): ActionEnd | undefined {
  if (source.startsWith('/*', start)) return lexComment(source, open, start, tokens);
  tokens.push({ type: 'open', offset: open });
  let pos = start;
  let spaced = start > open + 2;
  for (;;) {
    const c = source[pos];
    if (c === undefined) return error(tokens, 'unclosed action: missing "}}"', open);
    if (source.startsWith(CLOSE, pos)) {
      tokens.push({ type: 'close', offset: pos, end: pos + 2 });
      return { end: pos + 2, trimAfter: false };
    }
    if (isSpace(c)) {
      let next = pos;
      while (isSpace(source[next])) next++;
      if (source.startsWith('-' + CLOSE, next)) {
        tokens.push({ type: 'close', offset: next, end: next + 3 });
        return { end: next + 3, trimAfter: true };
      }
      pos = next;
      spaced = true;
      continue;
    }
    const at = pos;
    const step = lexToken(source, pos, spaced, tokens);
    if (step === undefined) return undefined;
    pos = step;
    spaced = false;
    if (!atTerminator(source, pos) && isWordToken(tokens[tokens.length - 1])) {
      const bad = source[pos] ?? '';
      const hint = bad === '-' && source[at] === '.'
        ? 'Field names may contain only letters, digits and "_"; a key with "-" cannot be read with a field path.'
        : undefined;
      return error(tokens, `bad character "${bad}" after "${source.slice(at, pos)}"`, pos, hint);
    }
  }
}

function isWordToken(token: Token | undefined): boolean {
  return token?.type === 'field' || token?.type === 'variable' || token?.type === 'ident' || token?.type === 'dot';
}

// After a word, Go requires a space, a delimiter, or one of . , | : ( ).
function atTerminator(source: string, pos: number): boolean {
  const c = source[pos];
  return c === undefined || isSpace(c) || '.,|:()'.includes(c) || source.startsWith(CLOSE, pos);
}

function lexComment(source: string, open: number, start: number, tokens: Token[]): ActionEnd | undefined {
  const close = source.indexOf('*/', start + 2);
  if (close < 0) return error(tokens, 'unclosed comment: missing "*/"', open);
  const after = close + 2;
  if (source.startsWith(CLOSE, after)) {
    tokens.push({ type: 'comment', offset: open, end: after + 2 });
    return { end: after + 2, trimAfter: false };
  }
  if (isSpace(source[after]) && source.startsWith('-' + CLOSE, after + 1)) {
    tokens.push({ type: 'comment', offset: open, end: after + 4 });
    return { end: after + 4, trimAfter: true };
  }
  return error(tokens, 'comment ends before the closing "}}": write {{/* ... */}}', after);
}

const PUNCTUATION = new Map<string, 'pipe' | 'lparen' | 'rparen' | 'comma' | 'assign'>([
  ['|', 'pipe'], ['(', 'lparen'], [')', 'rparen'], [',', 'comma'], ['=', 'assign'],
]);

// Lexes one token starting at a non-space character; returns the position after it.
function lexToken(source: string, pos: number, spaced: boolean, tokens: Token[]): number | undefined {
  const c = source[pos] ?? '';
  const simple = PUNCTUATION.get(c);
  if (simple !== undefined) {
    tokens.push({ type: simple, offset: pos, spaced });
    return pos + 1;
  }
  if (c === ':' && source[pos + 1] === '=') {
    tokens.push({ type: 'declare', offset: pos, spaced });
    return pos + 2;
  }
  if (c === '"') return lexString(source, pos, spaced, tokens);
  if (c === '`') {
    const end = source.indexOf('`', pos + 1);
    if (end < 0) return error(tokens, 'unterminated raw string', pos);
    tokens.push({ type: 'string', value: source.slice(pos + 1, end), offset: pos, spaced });
    return end + 1;
  }
  if (c === "'") return error(tokens, 'character constants are not supported: use a "string"', pos);
  if (isDigit(c) || c === '+' || c === '-' || (c === '.' && isDigit(source[pos + 1]))) {
    const number = lexNumber(source, pos);
    if (!number.ok) return error(tokens, number.message, pos);
    tokens.push({ type: 'number', value: number.value, valueType: number.valueType, offset: pos, spaced });
    return pos + number.length;
  }
  if (c === '.' || c === '$') {
    const name = word(source, pos + 1);
    if (c === '.' && name === '') tokens.push({ type: 'dot', offset: pos, spaced });
    else if (c === '.') tokens.push({ type: 'field', name, offset: pos, spaced });
    else tokens.push({ type: 'variable', name: '$' + name, offset: pos, spaced });
    return pos + 1 + name.length;
  }
  if (WORD_START.test(c)) {
    const name = word(source, pos);
    tokens.push({ type: 'ident', name, offset: pos, spaced });
    return pos + name.length;
  }
  if (c === '/' && source[pos + 1] === '*') {
    return error(tokens, 'a comment must start right after "{{" (or "{{- "): write {{/* ... */}}', pos);
  }
  const shown = String.fromCodePoint(source.codePointAt(pos) ?? 0);
  return error(tokens, `unexpected "${shown}" in action`, pos);
}

function word(source: string, at: number): string {
  WORD.lastIndex = at;
  return WORD.exec(source)?.[0] ?? '';
}

function lexString(source: string, pos: number, spaced: boolean, tokens: Token[]): number | undefined {
  let end = pos + 1;
  for (;;) {
    const c = source[end];
    if (c === undefined || c === '\n') return error(tokens, 'unterminated quoted string', pos);
    if (c === '"') break;
    end += c === '\\' && source[end + 1] !== undefined && source[end + 1] !== '\n' ? 2 : 1;
  }
  const unquoted = unquoteGoString(source.slice(pos + 1, end), pos + 1);
  if (!unquoted.ok) return error(tokens, `bad string escape: ${unquoted.message}`, unquoted.offset);
  tokens.push({ type: 'string', value: unquoted.value, offset: pos, spaced });
  return end + 1;
}

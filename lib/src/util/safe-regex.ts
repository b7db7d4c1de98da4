// Regular expressions from Katalogs run on values that any CR author controls, so they run on RE2
// (re2js, a pure-JavaScript port of RE2/J: no I/O, no native code, no WASM): matching takes time
// linear in the input, where JavaScript's backtracking engine takes exponential time on patterns
// such as `^(a+)+$` (issue 12, finding 5). RE2 is also the engine of CEL's `matches()`, so a
// condition means the same in the runtime and in a ValidatingAdmissionPolicy.
import { RE2JS } from 're2js';

/** A compiled pattern: `test` finds a match anywhere in the string, like RegExp.prototype.test. */
export interface SafeRegex {
  test(s: string): boolean;
}

/** Why a pattern cannot run on RE2, with the UTF-16 offset in the pattern where the problem starts. */
export interface RegexProblem {
  readonly offset: number;
  readonly message: string;
  readonly hint: string;
}

// Compiling is the slow part; conditions compile the same few patterns on every reconcile.
const CACHE_SIZE = 256;
const cache = new Map<string, SafeRegex>();
// Past this length the exact offset of a syntax error is not searched for (quadratic), only guessed.
const MAX_LOCATE_LENGTH = 1000;

/** Compiles `pattern` with RE2 semantics; never throws. Reasons name the offset and say what to write instead. */
export function compileSafeRegex(pattern: string): { ok: true; regex: { test(s: string): boolean } } | { ok: false; reason: string } {
  const cached = cache.get(pattern);
  if (cached) return { ok: true, regex: cached };
  const compiled = compile(pattern);
  if ('problem' in compiled) {
    const p = compiled.problem;
    return { ok: false, reason: `${p.message} at offset ${p.offset}: ${p.hint}` };
  }
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(pattern, compiled.regex);
  return { ok: true, regex: compiled.regex };
}

/** Checks that `pattern` runs on RE2; the problem carries its offset for positioned diagnostics. */
export function checkSafeRegex(pattern: string): RegexProblem | undefined {
  const compiled = compile(pattern);
  return 'problem' in compiled ? compiled.problem : undefined;
}

function compile(pattern: string): { regex: SafeRegex } | { problem: RegexProblem } {
  try {
    const re = RE2JS.compile(pattern);
    return { regex: { test: (s: string) => re.test(s) } };
  } catch (err) {
    const { code, fragment } = syntaxError(err);
    const offset = locate(pattern, code, fragment);
    return { problem: { offset, message: fragment ? `${code}: \`${fragment}\`` : code, hint: hintFor(code, fragment) } };
  }
}

function syntaxError(err: unknown): { code: string; fragment: string } {
  const e = err as { error?: unknown; input?: unknown; message?: unknown };
  const code = typeof e.error === 'string' ? e.error : typeof e.message === 'string' ? e.message : String(err);
  return { code, fragment: typeof e.input === 'string' ? e.input : '' };
}

function hintFor(code: string, fragment: string): string {
  if (/^\\[1-9]/.test(fragment)) return 'backreferences are not supported: RE2 matches in linear time and cannot refer back to a group';
  if (/^\(\?<?[=!]/.test(fragment) || (code.startsWith('invalid named capture') && /^\(\?<[=!]/.test(fragment))) {
    return 'lookahead and lookbehind are not supported by RE2; match the surrounding text instead, or use two conditions';
  }
  if (fragment.startsWith('\\u')) return 'write a code point as \\x{41} (RE2 syntax), not \\u0041';
  if (code.startsWith('invalid repeat count')) return 'RE2 allows repeat counts up to 1000, with the lower bound first: {2,5}';
  if (code.startsWith('expression too large')) return 'the pattern compiles to too large a program; simplify it or split it into several conditions';
  return 'patterns use RE2 syntax (as in Go and CEL\'s matches()): no backreferences or lookaround';
}

// RE2 names the offending text, not where it is: find the offset from the kind of error.
function locate(pattern: string, code: string, fragment: string): number {
  if (code.startsWith('trailing backslash')) return Math.max(0, pattern.length - 1);
  if (code.startsWith('missing closing )')) return unbalancedParen(pattern).open ?? 0;
  if (code.startsWith('unexpected )')) return unbalancedParen(pattern).close ?? 0;
  if (code.startsWith('missing closing ]')) return Math.max(0, pattern.lastIndexOf(fragment));
  if (fragment !== '' && pattern.length <= MAX_LOCATE_LENGTH) {
    // The shortest prefix that already fails the same way ends with the fragment.
    for (let end = fragment.length; end <= pattern.length; end++) {
      if (!pattern.startsWith(fragment, end - fragment.length)) continue;
      try {
        RE2JS.compile(pattern.slice(0, end));
      } catch (err) {
        const e = syntaxError(err);
        if (e.code === code && e.fragment === fragment) return end - fragment.length;
      }
    }
  }
  return Math.max(0, pattern.indexOf(fragment));
}

// A scan of groups that skips escapes and character classes: the last `(` left open, or the first
// `)` that closes nothing.
function unbalancedParen(pattern: string): { open?: number; close?: number } {
  const open: number[] = [];
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') {
      inClass = true;
      if (pattern[i + 1] === '^') i++;
      if (pattern[i + 1] === ']') i++;
    } else if (c === '(') open.push(i);
    else if (c === ')' && open.pop() === undefined) return { close: i };
  }
  const last = open.at(-1);
  return last === undefined ? {} : { open: last };
}

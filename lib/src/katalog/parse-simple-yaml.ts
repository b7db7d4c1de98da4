// A fast reader for the plain subset of YAML that Katalogs are written in: block mappings and
// sequences, one-line scalars (plain, single- and double-quoted), one-line flow collections, and
// literal block scalars. The `yaml` package reads about 1 MB/s on a cold start, which dominates
// `ork generate` for large Katalogs; this reader is several times faster and gives up (`undefined`)
// on anything outside the subset (anchors, tags, folded or multi-line scalars, complex keys,
// several documents, duplicate keys, tabs...), so `yaml` then reads the file with full fidelity.
// Values must equal `yaml`'s toJS() exactly (YAML 1.2 core schema); a differential test holds
// both readers to that on every example and conformance case.

import { MAX_NESTING_DEPTH } from './nesting-depth.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Thrown inside the reader when the text leaves the subset; never escapes parseSimpleYaml. */
class OutsideSubset extends Error {}

interface Line {
  readonly indent: number;
  /** The line without indentation and without a trailing comment. */
  readonly text: string;
  /** The raw line, for block scalars (whose content keeps `#`). */
  readonly raw: string;
}

/** Reads `text` if it stays inside the plain subset; undefined means "use the full YAML reader". */
export function parseSimpleYaml(text: string): unknown {
  try {
    const lines = splitLines(text);
    const reader = new Reader(lines);
    reader.skipBlank();
    if (reader.done()) return undefined;
    const first = reader.peek()!;
    if (first.indent !== 0) return undefined;
    const value = reader.block(0);
    reader.skipBlank();
    return reader.done() ? value : undefined;
  } catch (err) {
    if (err instanceof OutsideSubset) return undefined;
    throw err;
  }
}

function outside(): never {
  throw new OutsideSubset();
}

function splitLines(text: string): Line[] {
  if (text.charCodeAt(0) === 0xfeff) outside();
  const rawLines = text.split('\n');
  const out: Line[] = [];
  let started = false;
  for (const rawLine of rawLines) {
    const raw = rawLine.endsWith('\r') ? outside() : rawLine;
    let indent = 0;
    while (raw.charCodeAt(indent) === 32) indent++;
    if (raw.charCodeAt(indent) === 9) outside();
    const body = stripComment(raw.slice(indent)).trimEnd();
    if (body === '') {
      out.push({ indent: -1, text: '', raw });
      continue;
    }
    if (indent === 0 && (body === '---' || body.startsWith('--- ') || body === '...' || body.startsWith('%'))) {
      // A leading `---` is common and harmless; any other marker means several documents.
      if (body === '---' && !started) {
        out.push({ indent: -1, text: '', raw: '' });
        started = true;
        continue;
      }
      outside();
    }
    started = true;
    out.push({ indent, text: body, raw });
  }
  return out;
}

// A comment starts at `#` preceded by whitespace (or at the start), outside quotes.
function stripComment(s: string): string {
  let quote = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") {
      if (i === 0 || ' [{,:-'.includes(s[i - 1]!)) quote = c;
    } else if (c === '#' && (i === 0 || s[i - 1] === ' ')) return s.slice(0, i);
  }
  return s;
}

class Reader {
  private pos = 0;
  // Collections open around the current line; past MAX_NESTING_DEPTH the full reader says where.
  private depth = 0;
  private readonly lines: Line[];
  constructor(lines: readonly Line[]) {
    this.lines = [...lines];
  }

  done(): boolean {
    return this.pos >= this.lines.length;
  }

  peek(): Line | undefined {
    return this.lines[this.pos];
  }

  skipBlank(): void {
    while (this.pos < this.lines.length && this.lines[this.pos]!.indent < 0) this.pos++;
  }

  /** A block node whose lines start at exactly `indent`. */
  block(indent: number): Json {
    this.skipBlank();
    const line = this.peek();
    if (!line || line.indent !== indent) outside();
    return isSeqItem(line.text) ? this.sequence(indent) : this.mapping(indent);
  }

  private mapping(indent: number): Json {
    if (++this.depth > MAX_NESTING_DEPTH) outside();
    const out: { [key: string]: Json } = {};
    for (;;) {
      this.skipBlank();
      const line = this.peek();
      if (!line || line.indent < indent) {
        this.depth--;
        return out;
      }
      if (line.indent > indent || isSeqItem(line.text)) outside();
      this.pos++;
      const [key, rest] = splitKey(line.text);
      if (Object.prototype.hasOwnProperty.call(out, key) || key === '__proto__' || key === '<<') outside();
      out[key] = this.valueAfter(rest, indent, true);
    }
  }

  private sequence(indent: number): Json {
    if (++this.depth > MAX_NESTING_DEPTH) outside();
    const out: Json[] = [];
    for (;;) {
      this.skipBlank();
      const line = this.peek();
      if (!line || line.indent < indent) {
        this.depth--;
        return out;
      }
      if (line.indent > indent || !isSeqItem(line.text)) outside();
      this.pos++;
      const rest = line.text === '-' ? '' : line.text.slice(2);
      const restTrim = rest.trimStart();
      const inner = indent + 2 + (rest.length - restTrim.length);
      if (restTrim !== '' && !startsQuoteOrFlow(restTrim) && hasKey(restTrim)) {
        // `- key: value` opens a mapping whose keys line up after the dash.
        this.pos--;
        this.lines[this.pos] = { indent: inner, text: restTrim, raw: ' '.repeat(inner) + restTrim };
        out.push(this.mapping(inner));
      } else if (isSeqItem(restTrim)) {
        outside();
      } else {
        out.push(this.valueAfter(restTrim, indent, false));
      }
    }
  }

  /** The value after `key:` or `-`: inline scalar/flow, block scalar, or a nested block. */
  private valueAfter(rest: string, indent: number, inMapping: boolean): Json {
    if (rest === '') {
      this.skipBlank();
      const next = this.peek();
      if (next && next.indent > indent) return this.block(next.indent);
      // YAML lets a mapping value be a sequence at the key's own indentation.
      if (inMapping && next && next.indent === indent && isSeqItem(next.text)) return this.sequence(indent);
      return null;
    }
    if (rest[0] === '|') return this.literal(rest, indent);
    const value = inlineValue(rest, this.depth);
    this.assertNoContinuation(indent);
    return value;
  }

  // A more-indented line after an inline value would continue a multi-line scalar.
  private assertNoContinuation(indent: number): void {
    this.skipBlank();
    const next = this.peek();
    if (next && next.indent > indent) outside();
  }

  private literal(header: string, indent: number): string {
    const chomp = header === '|' ? 'clip' : header === '|-' ? 'strip' : header === '|+' ? 'keep' : outside();
    const body: string[] = [];
    let contentIndent = -1;
    while (this.pos < this.lines.length) {
      const line = this.lines[this.pos]!;
      const blank = line.raw.trim() === '';
      if (!blank) {
        let lineIndent = 0;
        while (line.raw.charCodeAt(lineIndent) === 32) lineIndent++;
        if (line.raw.charCodeAt(lineIndent) === 9) outside();
        if (lineIndent <= indent) break;
        if (contentIndent < 0) {
          if (body.length > 0) outside();
          contentIndent = lineIndent;
        } else if (lineIndent < contentIndent) outside();
        body.push(line.raw.slice(contentIndent));
      } else {
        // Spaces beyond the content indentation on a blank line are content in YAML: leave those to `yaml`.
        if (line.raw.length > Math.max(contentIndent, indent + 1)) outside();
        body.push('');
      }
      this.pos++;
    }
    while (body.length && body[body.length - 1] === '') {
      if (chomp === 'keep') outside();
      body.pop();
    }
    if (contentIndent < 0) return '';
    const text = body.join('\n');
    return chomp === 'strip' ? text : `${text}\n`;
  }
}

function isSeqItem(text: string): boolean {
  return text === '-' || text.startsWith('- ');
}

function startsQuoteOrFlow(s: string): boolean {
  return s[0] === '"' || s[0] === "'" || s[0] === '[' || s[0] === '{';
}

// True when a plain line holds `key: ...` or `key:` with a plain key before the colon.
function hasKey(text: string): boolean {
  const i = text.includes(': ') ? text.indexOf(': ') : text.endsWith(':') ? text.length - 1 : -1;
  return i > 0 && isPlainKey(text.slice(0, i));
}

function splitKey(text: string): [string, string] {
  let key: string;
  let rest: string;
  if (text[0] === '"' || text[0] === "'") {
    const end = closingQuote(text, 0);
    key = unquote(text.slice(0, end + 1));
    rest = text.slice(end + 1);
    if (rest !== ':' && !rest.startsWith(': ')) outside();
    rest = rest.slice(1);
  } else {
    const i = text.indexOf(': ');
    const end = i >= 0 ? i : text.endsWith(':') ? text.length - 1 : outside();
    key = text.slice(0, end);
    rest = text.slice(end + 1);
    if (!isPlainKey(key)) outside();
  }
  return [key, rest.trim()];
}

// Keys must read as strings in both readers: no indicators, nothing the core schema would resolve.
function isPlainKey(key: string): boolean {
  if (key === '' || key !== key.trim() || /^[-?:,[\]{}#&*!|>'"%@`]/.test(key) || /[\]{}[,]/.test(key) || key.includes(' #')) return false;
  return typeof resolvePlain(key) === 'string';
}

function closingQuote(s: string, start: number): number {
  const q = s[start]!;
  for (let i = start + 1; i < s.length; i++) {
    if (q === '"' && s[i] === '\\') i++;
    else if (s[i] === q) {
      if (q === "'" && s[i + 1] === "'") i++;
      else return i;
    }
  }
  return outside();
}

function inlineValue(s: string, depth: number): Json {
  if (s[0] === '[' || s[0] === '{') {
    const flow = new Flow(s, depth);
    const value = flow.node();
    flow.end();
    return value;
  }
  if (s[0] === '"' || s[0] === "'") {
    const end = closingQuote(s, 0);
    if (end !== s.length - 1) outside();
    return unquote(s);
  }
  if (/^[-?:,[\]{}#&*!|>%@`]/.test(s) && !/^-[^ ]/.test(s)) outside();
  if (/: |\t/.test(s) || s.endsWith(':')) outside();
  return resolvePlain(s);
}

const ESCAPES: Record<string, string> = { '0': '\0', a: '\x07', b: '\b', t: '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b', ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029' };

function unquote(s: string): string {
  const body = s.slice(1, -1);
  if (s[0] === "'") return body.replace(/''/g, "'");
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[++i];
    if (e === undefined) outside();
    if (e === 'x' || e === 'u' || e === 'U') {
      const len = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = body.slice(i + 1, i + 1 + len);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) outside();
      out += String.fromCodePoint(parseInt(hex, 16));
      i += len;
    } else out += ESCAPES[e] ?? outside();
  }
  return out;
}

// The YAML 1.2 core schema's scalar resolution, as the `yaml` package implements it.
function resolvePlain(s: string): Json {
  if (/^(?:~|[Nn]ull|NULL)?$/.test(s)) return null;
  if (/^(?:[Tt]rue|TRUE)$/.test(s)) return true;
  if (/^(?:[Ff]alse|FALSE)$/.test(s)) return false;
  if (/^0o[0-7]+$/.test(s)) return safeInt(parseInt(s.slice(2), 8));
  if (/^[-+]?[0-9]+$/.test(s)) return safeInt(parseInt(s, 10));
  if (/^0x[0-9a-fA-F]+$/.test(s)) return safeInt(parseInt(s.slice(2), 16));
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(s)) return outside();
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(s) || /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(s)) return parseFloat(s);
  return s;
}

function safeInt(n: number): number {
  return Number.isSafeInteger(n) ? n : outside();
}

/** One-line flow collections: `[a, "b", {k: v}]`, `{a: 1, b: [x]}`. */
class Flow {
  private i = 0;
  private readonly s: string;
  private depth: number;
  constructor(s: string, depth: number) {
    this.s = s;
    this.depth = depth;
  }

  end(): void {
    this.space();
    if (this.i !== this.s.length) outside();
  }

  node(): Json {
    this.space();
    const c = this.s[this.i];
    if (c !== '[' && c !== '{') return this.scalar();
    if (++this.depth > MAX_NESTING_DEPTH) outside();
    const value = c === '[' ? this.seq() : this.map();
    this.depth--;
    return value;
  }

  private seq(): Json[] {
    this.i++;
    const out: Json[] = [];
    for (;;) {
      this.space();
      if (this.s[this.i] === ']') {
        this.i++;
        return out;
      }
      out.push(this.node());
      this.space();
      if (this.s[this.i] === ',') this.i++;
      else if (this.s[this.i] !== ']') outside();
    }
  }

  private map(): { [key: string]: Json } {
    this.i++;
    const out: { [key: string]: Json } = {};
    for (;;) {
      this.space();
      if (this.s[this.i] === '}') {
        this.i++;
        return out;
      }
      const key = this.scalar(true);
      if (typeof key !== 'string' || Object.prototype.hasOwnProperty.call(out, key) || key === '__proto__' || key === '<<') outside();
      this.space();
      if (this.s[this.i] !== ':') outside();
      this.i++;
      if (this.s[this.i] !== ' ') outside();
      out[key] = this.node();
      this.space();
      if (this.s[this.i] === ',') this.i++;
      else if (this.s[this.i] !== '}') outside();
    }
  }

  private scalar(asKey = false): Json {
    const c = this.s[this.i];
    if (c === '"' || c === "'") {
      const end = closingQuote(this.s, this.i);
      const v = unquote(this.s.slice(this.i, end + 1));
      this.i = end + 1;
      return v;
    }
    let j = this.i;
    while (j < this.s.length && !',[]{}'.includes(this.s[j]!) && !(this.s[j] === ':' && (this.s[j + 1] === ' ' || this.s[j + 1] === ',' || j + 1 === this.s.length))) j++;
    const text = this.s.slice(this.i, j).trim();
    this.i = j;
    if (text === '' || /^[-?:#&*!|>'"%@`]/.test(text) && !/^-[^ ]/.test(text)) outside();
    const v = resolvePlain(text);
    if (asKey && typeof v !== 'string') outside();
    return v;
  }

  private space(): void {
    while (this.s[this.i] === ' ') this.i++;
  }
}

import { Composer, LineCounter, Parser, isMap, isScalar, isSeq, isAlias, type Document } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { makeDiagnostic } from '../diagnostics/make-diagnostic.ts';
import type { Code } from '../diagnostics/codes.ts';
import { findTooDeepToken, isTooDeep, MAX_NESTING_DEPTH } from './nesting-depth.ts';

/** Upper bound on a Katalog's size: it is read whole, and nothing legitimate comes near it. */
export const MAX_KATALOG_BYTES = 2 * 1024 * 1024;
/** Upper bound on alias expansions, so an alias bomb fails fast instead of eating memory. */
export const MAX_ALIAS_COUNT = 100;

/** A YAML file read into one document, or the diagnostics that say why it could not be. */
export interface YamlRead {
  readonly doc?: Document;
  readonly value?: unknown;
  readonly lineCounter: LineCounter;
  readonly diagnostics: Diagnostic[];
}

const YAML_CODES: Record<string, Code> = { TAB_AS_INDENT: 'ORK1002', DUPLICATE_KEY: 'ORK1003' };

/** Parses one YAML document with positions, rejecting tabs, duplicate keys, extra documents and alias bombs. */
export function readYaml(file: string, text: string, maxBytes = MAX_KATALOG_BYTES): YamlRead {
  const lineCounter = new LineCounter();
  const at = (offset: number, path = '') => {
    const pos = lineCounter.linePos(offset);
    return { file, line: pos.line, column: pos.col, path };
  };
  if (text.length > maxBytes) {
    return {
      lineCounter,
      diagnostics: [makeDiagnostic('ORK1006', { file, line: 1, column: 1, path: '' },
        `file is ${formatSize(text.length)}, more than the ${formatSize(maxBytes)} limit`)],
    };
  }
  // parseAllDocuments in two steps, so the depth is checked before anything recurses over the tree.
  const tokens = Array.from(new Parser(lineCounter.addNewLine).parse(text));
  const deep = findTooDeepToken(tokens);
  if (deep !== undefined) return { lineCounter, diagnostics: [tooDeep(at(deep))] };
  const list: Document.Parsed[] = Array.from(new Composer({ prettyErrors: false, uniqueKeys: true, strict: true }).compose(tokens, true, text.length));
  const first = list[0];
  if (!first || (list.length === 1 && first.contents === null && first.errors.length === 0)) {
    return { lineCounter, diagnostics: [makeDiagnostic('ORK1004', { file, line: 1, column: 1, path: '' }, 'the file holds no YAML document')] };
  }
  const diagnostics: Diagnostic[] = [];
  if (list.length > 1) {
    const second = list[1]!;
    diagnostics.push(makeDiagnostic('ORK1005', at(second.range[0]), `found ${list.length} YAML documents, expected one`));
  }
  for (const err of first.errors) {
    const code = YAML_CODES[err.code] ?? 'ORK1001';
    const message = code === 'ORK1003'
      ? `duplicate key "${keyAt(text, err.pos[0])}"`
      : firstLine(err.message);
    diagnostics.push(makeDiagnostic(code, at(err.pos[0]), message));
  }
  for (const warning of first.warnings) {
    const code = warning.code === 'TAG_RESOLVE_FAILED' ? 'ORK1009' : 'ORK1001';
    diagnostics.push(makeDiagnostic(code, at(warning.pos[0]), firstLine(warning.message), { severity: 'error' }));
  }
  if (diagnostics.length) return { lineCounter, diagnostics };

  // Complex keys and explicit tags have no meaning in a Katalog and would survive toJS oddly.
  // A plain recursive walk: yaml's generic visit() costs several times more on large files.
  checkNodes(first.contents, (offset, message) => diagnostics.push(makeDiagnostic('ORK1009', at(offset), message)));
  if (diagnostics.length) return { lineCounter, diagnostics };

  try {
    const value = first.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    // Aliases can stack shallow pieces into a deep value.
    if (isTooDeep(value)) return { lineCounter, diagnostics: [tooDeep(at(0))] };
    if (!isMap(first.contents)) {
      return { doc: first, lineCounter, diagnostics: [makeDiagnostic('ORK1008', at(first.contents?.range?.[0] ?? 0), 'the document must be a mapping')] };
    }
    return { doc: first, value, lineCounter, diagnostics };
  } catch (err) {
    // yaml throws a ReferenceError once alias expansion passes maxAliasCount.
    const message = err instanceof Error ? err.message : String(err);
    if (/alias/i.test(message)) {
      return { lineCounter, diagnostics: [makeDiagnostic('ORK1007', at(0), `aliases expand past the limit of ${MAX_ALIAS_COUNT}: ${firstLine(message)}`)] };
    }
    return { lineCounter, diagnostics: [makeDiagnostic('ORK1001', at(0), firstLine(message))] };
  }
}

function tooDeep(place: { file: string; line: number; column: number; path: string }) {
  return makeDiagnostic('ORK1012', place, `mappings and sequences are nested more than ${MAX_NESTING_DEPTH} levels deep here`);
}

function checkNodes(node: unknown, report: (offset: number, message: string) => void): void {
  if (!node || isAlias(node)) return;
  const n = node as { tag?: string; range?: [number, number, number] };
  if (n.tag && !n.tag.startsWith('tag:yaml.org,2002:')) report(n.range?.[0] ?? 0, `custom tag ${n.tag} is not allowed`);
  if (isMap(node)) {
    for (const pair of node.items) {
      if (pair.key !== null && !isScalar(pair.key)) {
        report((pair.key as { range?: [number, number, number] }).range?.[0] ?? 0, 'a mapping key must be a plain scalar');
      }
      checkNodes(pair.value, report);
    }
  } else if (isSeq(node)) {
    for (const item of node.items) checkNodes(item, report);
  }
}

// The parser's DUPLICATE_KEY position covers only the key's first character; read the whole key.
function keyAt(text: string, offset: number): string {
  const rest = text.slice(offset);
  const quoted = /^(["'])(.*?)\1/.exec(rest);
  if (quoted) return quoted[2]!;
  return /^[^:\n]*/.exec(rest)![0].trim();
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '').trim();
}

/** `2.0 MiB`, `12 KiB`: sizes in messages. */
export function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}

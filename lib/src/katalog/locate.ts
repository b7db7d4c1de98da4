import { isMap, isSeq, isScalar, type Document, type LineCounter, type Node, type Pair } from 'yaml';
import type { Place } from '../diagnostics/make-diagnostic.ts';

/** A path inside a YAML document: mapping keys and sequence indexes. */
export type DocPath = readonly (string | number)[];

/** Turns document paths into file:line:column places; missing paths fall back to the nearest ancestor. */
export interface Locator {
  /** The place of the value at `path` (or of its key with `target: 'key'`). */
  at(path: DocPath, target?: 'key' | 'value'): Place;
  /** The place `offset` characters into the scalar at `path` (for template errors); quotes are skipped. */
  inScalar(path: DocPath, offset: number): Place;
}

/** Formats a document path as `spec.crds.website.onCreate.deployments[0].image`. */
export function formatPath(path: DocPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? seg : `.${seg}`;
  }
  return out;
}

/** Builds a locator over one parsed document. Kept in one place: the yaml 3.x API moves node lookup. */
export function makeLocator(doc: Document, lineCounter: LineCounter, file: string): Locator {
  const place = (offset: number, path: DocPath): Place => {
    const pos = lineCounter.linePos(offset);
    return { file, line: pos.line, column: pos.col, path: formatPath(path) };
  };

  const find = (path: DocPath): { node: Node | undefined; pair: Pair | undefined; depth: number } => {
    let node: unknown = doc.contents;
    let pair: Pair | undefined;
    let depth = 0;
    for (const seg of path) {
      if (isMap(node)) {
        const hit = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : p.key) === String(seg));
        if (!hit) break;
        pair = hit as Pair;
        node = hit.value;
      } else if (isSeq(node) && typeof seg === 'number' && seg < node.items.length) {
        pair = undefined;
        node = node.items[seg];
      } else break;
      depth++;
    }
    return { node: node as Node | undefined, pair, depth };
  };

  return {
    at(path, target = 'value') {
      const { node, pair, depth } = find(path);
      const complete = depth === path.length;
      const keyNode = pair && isScalar(pair.key) ? pair.key : undefined;
      if (complete && target === 'key' && keyNode?.range) return place(keyNode.range[0], path);
      if (node && 'range' in node && node.range) {
        // A missing child is reported at its parent's key, where the user would add it.
        if (!complete && keyNode?.range) return place(keyNode.range[0], path);
        return place(node.range[0], path);
      }
      if (keyNode?.range) return place(keyNode.range[0], path);
      return { file, line: 1, column: 1, path: formatPath(path) };
    },
    inScalar(path, offset) {
      const { node, depth } = find(path);
      if (depth === path.length && isScalar(node) && node.range) {
        const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
        const multiline = node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED';
        if (!multiline) return place(node.range[0] + offset + (quoted ? 1 : 0), path);
      }
      return this.at(path);
    },
  };
}

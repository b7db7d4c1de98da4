// Every later stage (yaml's composer and toJS, valibot, the normalizer, the planners) walks the
// document recursively, so a Katalog nested 10,000 levels deep in flow style overflowed the stack
// (issue 12, findings 9 and 14). Depth is measured here without recursion, on yaml's CST before
// anything composes it, and on the value after aliases are expanded.
import type { CST } from 'yaml';

/** Deepest nesting of mappings and sequences a Katalog may have; real ones stay under 30. */
export const MAX_NESTING_DEPTH = 100;

/** The offset of the first collection nested deeper than `max` in the CST, or undefined. */
export function findTooDeepToken(tokens: readonly CST.Token[], max = MAX_NESTING_DEPTH): number | undefined {
  const stack: { token: CST.Token | null | undefined; depth: number }[] = tokens.map((token) => ({ token, depth: 0 }));
  while (stack.length > 0) {
    const { token, depth } = stack.pop()!;
    if (!token) continue;
    if (token.type === 'document') {
      stack.push({ token: token.value, depth });
    } else if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
      if (depth + 1 > max) return token.offset;
      for (const item of token.items) {
        const i = item as { key?: CST.Token | null; value?: CST.Token };
        stack.push({ token: i.key, depth: depth + 1 }, { token: i.value, depth: depth + 1 });
      }
    }
  }
  return undefined;
}

/** True when a plain value (after aliases are expanded) nests deeper than `max`; never recurses. */
export function isTooDeep(value: unknown, max = MAX_NESTING_DEPTH): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: v, depth } = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth + 1 > max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push({ value: child, depth: depth + 1 });
  }
  return false;
}

/** A directed edge between two versions. */
export interface VersionEdge {
  readonly from: string;
  readonly to: string;
}

/**
 * The shortest chain of edges from `from` to `to` (breadth first, edges in the order given, so a
 * direct path wins and ties go to the path written first); `[]` when they are equal, undefined
 * when `to` cannot be reached.
 */
export function findChain<E extends VersionEdge>(edges: readonly E[], from: string, to: string): E[] | undefined {
  if (from === to) return [];
  const via = new Map<string, E>();
  const queue = [from];
  const seen = new Set([from]);
  while (queue.length > 0) {
    const at = queue.shift()!;
    for (const e of edges) {
      if (e.from !== at || seen.has(e.to)) continue;
      seen.add(e.to);
      via.set(e.to, e);
      if (e.to === to) {
        const chain: E[] = [];
        for (let v = to; v !== from; v = via.get(v)!.from) chain.unshift(via.get(v)!);
        return chain;
      }
      queue.push(e.to);
    }
  }
  return undefined;
}

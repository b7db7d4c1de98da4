/** A trie of dotted field paths, each node holding what was learnt about the value there. */
export interface PathTree<T> {
  readonly facts: T[];
  readonly children: Map<string, PathTree<T>>;
}

/** An empty tree. */
export function emptyTree<T>(): PathTree<T> {
  return { facts: [], children: new Map() };
}

/** Records `fact` at `path` below `root`, creating the intermediate nodes. */
export function addFact<T>(root: PathTree<T>, path: readonly string[], fact: T): void {
  let node = root;
  for (const seg of path) {
    let next = node.children.get(seg);
    if (!next) {
      next = emptyTree<T>();
      node.children.set(seg, next);
    }
    node = next;
  }
  node.facts.push(fact);
}

/** Every fact recorded at `node` or below it. */
export function factsBelow<T>(node: PathTree<T>): T[] {
  return [...node.facts, ...[...node.children.values()].flatMap((c) => factsBelow(c))];
}

/** Child names in a stable (sorted) order, so generated schemas never depend on input order. */
export function sortedChildren<T>(node: PathTree<T>): [string, PathTree<T>][] {
  return [...node.children.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

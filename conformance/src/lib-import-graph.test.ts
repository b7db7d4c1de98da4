// The rooms of lib/src and their order (BRIEF: "no folder of lib imports one above it"). A file
// may import its own folder and folders on lower lines only; folders on one line are peers and
// never import each other, so no folder-level cycle can form. lib/src/index.ts, the public
// surface, stands above every folder. Test files (*.test.ts, *.test.fixture.ts,
// *.test-support.ts) are not rooms' code and may reach anywhere. The README's Repository table
// repeats this order on its `lib/` line; a test keeps the two in step.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';

/** lib/src's folders, lowest first. A new folder goes on a line here before it holds code. */
const LIB_LAYERS: readonly (readonly string[])[] = [
  ['util', 'diagnostics', 'ports'],
  ['template', 'render', 'kube-types'],
  ['conditions'],
  // Issue 15: the meaning of admission rules, read by the Katalog, the runtime, the gateway and the CLI.
  ['admission'],
  ['field-schemas'],
  ['children'],
  ['katalog'],
  ['crd'],
  ['conversion'],
  ['validate'],
  // Issue 15, policy mode: validation rules compiled to CEL (the gateway and the RBAC planner ask which stay on the webhook).
  ['cel'],
  ['json-schema', 'rbac', 'runtime'],
  ['gateway', 'control-center', 'registry'],
  // Issue 15: protection and compiled rules as ValidatingAdmissionPolicies, planned into the bundle.
  ['policy'],
  ['bundle', 'report'],
  ['testing'],
];

/** Where a root-level file (lib/src/index.ts) counts: above every folder. */
const ROOT = '(root)';
/** Where an import that leaves lib/src lands. */
const OUTSIDE = '(outside lib/src)';

/** Folder → folder → the imports behind that arrow, as `file: specifier`. */
type Arrows = Map<string, Map<string, string[]>>;

const test = suite('lib/src import graph');
const repo = new URL('../../', import.meta.url).pathname;
const libSrc = join(repo, 'lib/src');

const isTestFile = (f: string): boolean => /\.test(\.fixture)?\.ts$|\.test-support\.ts$/.test(f);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : e.name.endsWith('.ts') && !isTestFile(e.name) ? [p] : [];
  });
}

/** The room a path under `root` belongs to: its first folder, or ROOT for a file directly in it. */
function roomOf(root: string, path: string): string {
  const rel = relative(root, path);
  if (rel.startsWith('..')) return OUTSIDE;
  const parts = rel.split(sep);
  return parts.length > 1 ? parts[0]! : ROOT;
}

/** Every relative import, re-export and import() of the non-test files under `root`, between folders. */
function readArrows(root: string): { arrows: Arrows; files: number } {
  const arrows: Arrows = new Map();
  const files = sourceFiles(root);
  for (const file of files) {
    // The compiler's own pre-pass: import, import type, export from and import() alike, over any line layout.
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const from = roomOf(root, file);
    for (const { fileName: spec } of importedFiles) {
      if (!spec.startsWith('.')) continue;
      const to = roomOf(root, resolve(dirname(file), spec));
      if (to === from) continue;
      const byTarget = arrows.get(from) ?? new Map<string, string[]>();
      arrows.set(from, byTarget);
      byTarget.set(to, [...(byTarget.get(to) ?? []), `${relative(root, file)}: ${spec}`]);
    }
  }
  return { arrows, files: files.length };
}

/** Each arrow that does not point to a strictly lower line of `layers`, with the imports behind it. */
function upwardArrows(arrows: Arrows, layers: readonly (readonly string[])[]): string[] {
  const rank = new Map<string, number>(layers.flatMap((line, i) => line.map((f): [string, number] => [f, i])));
  rank.set(ROOT, layers.length);
  const found: string[] = [];
  for (const [from, targets] of arrows) {
    for (const [to, why] of targets) {
      const a = rank.get(from), b = rank.get(to);
      if (a === undefined || b === undefined || b >= a) found.push(`${from} → ${to} (${why.join('; ')})`);
    }
  }
  return found.sort();
}

/** Each folder-level cycle (a strongly connected set of two or more folders), as `a → b → a`. */
function cycles(arrows: Arrows): string[] {
  // Tarjan's algorithm over the folder graph.
  const index = new Map<string, number>(), low = new Map<string, number>(), stack: string[] = [], onStack = new Set<string>();
  const found: string[] = [];
  let next = 0;
  const visit = (v: string): void => {
    index.set(v, next); low.set(v, next); next++;
    stack.push(v); onStack.add(v);
    for (const w of arrows.get(v)?.keys() ?? []) {
      if (!index.has(w)) { visit(w); low.set(v, Math.min(low.get(v)!, low.get(w)!)); }
      else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const scc: string[] = [];
    let w: string;
    do { w = stack.pop()!; onStack.delete(w); scc.push(w); } while (w !== v);
    if (scc.length > 1) found.push(describeCycle(arrows, new Set(scc)));
  };
  for (const v of [...arrows.keys()].sort()) if (!index.has(v)) visit(v);
  return found.sort();
}

/** The shortest loop from the first of the strongly connected `members` back to it, with the first import behind each step. */
function describeCycle(arrows: Arrows, members: ReadonlySet<string>): string {
  const start = [...members].sort()[0]!;
  // Breadth-first from start's successors; `via` remembers each folder's predecessor.
  const via = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0 && !via.has(start)) {
    const at = queue.shift()!;
    for (const to of [...(arrows.get(at)?.keys() ?? [])].filter((t) => members.has(t)).sort()) {
      if (via.has(to)) continue;
      via.set(to, at);
      queue.push(to);
    }
  }
  const path = [start];
  for (let at = via.get(start)!; at !== start; at = via.get(at)!) path.unshift(at);
  path.unshift(start);
  const steps = path.slice(1).map((to, i) => `${path[i]} → ${to} (${arrows.get(path[i]!)!.get(to)![0]})`);
  return `${path.join(' → ')}: ${steps.join('; ')}`;
}

const real = readArrows(libSrc);
const arrowList = (a: Arrows): string[] => [...a].flatMap(([from, t]) => [...t.keys()].map((to) => `${from} → ${to}`));

test('every folder of lib/src has a line in the layer order, and every line names a folder that exists', () => {
  const folders = readdirSync(libSrc, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const declared = LIB_LAYERS.flat();
  assert.equal([...declared].sort(), folders, 'declared folders vs lib/src folders');
  assert.is(new Set(declared).size, declared.length, 'a folder is declared twice');
});

test('the check reads real arrows (it would pass vacuously on an empty graph)', () => {
  assert.ok(real.files > 150, `only ${real.files} source files read`);
  const list = arrowList(real.arrows);
  // Arrows the order exists for, and index.ts's re-exports (`export ... from`): a reader that misses them is broken.
  for (const a of ['katalog → children', 'validate → crd', 'crd → katalog', `${ROOT} → validate`, 'testing → ports']) assert.ok(list.includes(a), a);
});

test('no folder-level cycle in lib/src', () => {
  assert.equal(cycles(real.arrows), []);
});

test('no arrow from a lower folder to a higher one or a peer, and none out of lib/src', () => {
  assert.equal(upwardArrows(real.arrows, LIB_LAYERS), []);
});

test('the checks flag an arrow back up, a peer arrow, a cycle and an undeclared folder', () => {
  const arrows: Arrows = new Map([
    ['katalog', new Map([['children', ['katalog/schema.ts: ../children/x.ts']], ['crd', ['katalog/check.ts: ../crd/plan.ts']]])],
    ['crd', new Map([['katalog', ['crd/plan.ts: ../katalog/model.ts']]])],
    ['rbac', new Map([['runtime', ['rbac/a.ts: ../runtime/b.ts']]])],
    ['newroom', new Map([['util', ['newroom/a.ts: ../util/b.ts']]])],
  ]);
  assert.equal(upwardArrows(arrows, LIB_LAYERS), [
    'katalog → crd (katalog/check.ts: ../crd/plan.ts)',
    'newroom → util (newroom/a.ts: ../util/b.ts)',
    'rbac → runtime (rbac/a.ts: ../runtime/b.ts)',
  ]);
  assert.equal(cycles(arrows), ['crd → katalog → crd: crd → katalog (crd/plan.ts: ../katalog/model.ts); katalog → crd (katalog/check.ts: ../crd/plan.ts)']);
});

test('the README names the same layer order on its lib/ line', () => {
  const readme = readFileSync(join(repo, 'README.md'), 'utf8');
  const line = readme.split('\n').find((l) => l.startsWith('| `lib/` |'));
  assert.ok(line, 'README.md has no `lib/` row in its Repository table');
  const written = LIB_LAYERS.map((l) => l.map((f) => `\`${f}\``).join(' ')).join(' < ');
  assert.ok(line.includes(written), `README's lib/ row should contain: ${written}`);
});

test.run();

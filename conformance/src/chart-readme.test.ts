// chart/README.md's parameter tables are generated from chart/values.yaml (render-values-table.ts) and
// must be current: UPDATE_GOLDENS=1 rewrites them, review the diff. Every leaf of values.yaml must
// be documented by a row (its own or a parent's), so a new value cannot land undocumented.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { renderValuesTables, valuesRows } from './render-values-table.ts';

const REPO = new URL('../../', import.meta.url).pathname;
const README = join(REPO, 'chart/README.md');
const START = '<!-- values-table:start (generated from values.yaml: UPDATE_GOLDENS=1 npm test) -->\n';
const END = '<!-- values-table:end -->';
const update = process.env['UPDATE_GOLDENS'] === '1';
const test = suite('chart README');
const valuesText = readFileSync(join(REPO, 'chart/values.yaml'), 'utf8');

/** Dotted paths of every scalar or empty collection; a non-empty list counts as one leaf. */
function leaves(node: unknown, path: string): string[] {
  if (node !== null && typeof node === 'object' && !Array.isArray(node) && Object.keys(node).length > 0) {
    return Object.entries(node).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k));
  }
  return [path];
}

test('the parameter tables in chart/README.md are generated from values.yaml and current', () => {
  const readme = readFileSync(README, 'utf8');
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  assert.ok(start >= 0 && end > start, `chart/README.md needs the markers ${START.trim()} ... ${END}`);
  const tables = renderValuesTables(valuesRows(valuesText));
  const current = readme.slice(start + START.length, end);
  if (update) {
    writeFileSync(README, readme.slice(0, start + START.length) + tables + readme.slice(end));
    return;
  }
  assert.fixture(current, tables, 'chart/README.md is stale: UPDATE_GOLDENS=1 npm test, review the diff');
});

test('every values.yaml leaf is documented by a row of its own or of a parent', () => {
  const rows = valuesRows(valuesText).map((r) => r.key);
  const all = leaves(parse(valuesText), '');
  assert.ok(all.length > 150, `only ${all.length} leaves found`);
  const undocumented = all.filter((leaf) => !rows.some((row) => leaf === row || leaf.startsWith(`${row}.`)));
  assert.equal(undocumented, [], 'add a `# -- description` comment above each');
});

test('valuesRows reads descriptions, continuations, nesting, block scalars and defaults', () => {
  const rows = valuesRows(`# header, not a row
a:
  # -- First line
  # second line
  b: 1
  c:
    # -- Inline text
    text: |
      x: 1
      # not a comment here
    # -- A list
    list: []
  # -- Empty | string
  d: ""
`);
  assert.equal(rows, [
    { key: 'a.b', description: 'First line second line', defaultValue: '`1`' },
    { key: 'a.c.text', description: 'Inline text', defaultValue: 'see values.yaml' },
    { key: 'a.c.list', description: 'A list', defaultValue: '`[]`' },
    { key: 'a.d', description: 'Empty | string', defaultValue: '`""`' },
  ]);
  assert.match(renderValuesTables(rows), /\| `a.d` \| Empty \\\| string \| `""` \|/);
});

test.run();

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { parseSimpleYaml } from './parse-simple-yaml.ts';

const test = suite('parseSimpleYaml');

// Inside the subset: the fast reader must answer, and exactly as `yaml` does.
const INSIDE = [
  'a: 1\nb: two\nc: 3.5\nd: true\ne: null\nf: ~\ng:\nh: "x: y"\ni: \'it\'\'s\'\n',
  'list:\n  - a\n  - b\nsame-indent:\n- x\n- y\n',
  'items:\n  - name: a\n    value: 1\n  - name: b\n    nested:\n      deep: [1, "two", {k: v}]\n',
  'flow: {a: 1, b: [x, y], c: {}, d: []}\nempty: {}\n',
  'ints: [0, -5, +7, 0o17, 0x1F, 007]\nfloats: [1.5, -0.25, .5, 1., 1e3, 2.5E-2]\n',
  'bools: [true, True, TRUE, false, False, FALSE, yes, no, on, off]\nnulls: [null, Null, NULL, ~]\n',
  'words: [v1alpha1, 30s, 2y, 1h30m, nginx:1.27, http://x/y, a#b, 10Gi, 1:20]\n',
  'text: |\n  line one\n    indented\n  line three\nstrip: |-\n  no newline\nnext: after\n',
  'text: |\n  para one\n\n  para two\n\nafter: 1\n',
  '# comment\n---\nkey: value # trailing comment\nquoted: "a # not a comment"\n',
  'esc: "tab\\there\\nnewline \\u00e9 \\x41 \\\\ \\""\n',
  'template: "{{ .spec.replicas }}"\nmixed: "{{ .metadata.name }}-svc"\n',
  'k: -5\nm: -x\n',
  'deep:\n  a:\n    b:\n      c:\n        - d: 1\n          e:\n            - f\n',
  'dash-key-seq:\n  -   spaced: 1\n      other: 2\n',
];

// Outside the subset: the fast reader must give up (the full reader handles these).
const OUTSIDE = [
  'a: &x 1\nb: *x\n', 'a: !tag x\n', '? complex\n: key\n', 'a: 1\n---\nb: 2\n', 'a: >\n  folded\n',
  'a: multi\n  line plain\n', 'a: "multi\n  line"\n', 'a: 1\na: 2\n', '\ta: 1\n', 'a:\n\t- x\n',
  'a: |+\n  keep\n\n', 'a: |2\n   x\n', 'a: .inf\n', 'a: 99999999999999999999\n', '<<: {a: 1}\n',
  '__proto__: 1\n', 'a: [1,\n  2]\n', '%YAML 1.2\n---\na: 1\n', 'a: 1\r\nb: 2\r\n', '',
  '- - nested\n', 'a: @x\n', 'a: `x`\n', '1: numeric key\n', 'true: bool key\n', 'plain: {{ notquoted }}x\n', 'n: - \n',
];

for (const [i, text] of INSIDE.entries()) {
  test(`inside #${i}: same value as yaml`, () => {
    const fast = parseSimpleYaml(text);
    assert.ok(fast !== undefined, `fell back on:\n${text}`);
    assert.equal(fast, parse(text));
  });
}

for (const [i, text] of OUTSIDE.entries()) {
  test(`outside #${i}: gives up`, () => {
    assert.is(parseSimpleYaml(text), undefined, JSON.stringify(text));
  });
}

test('never disagrees with yaml on line-level mutations of a realistic Katalog', () => {
  const base = INSIDE[2]! + INSIDE[7]!.replace('text:', 'text2:').replace('strip:', 'strip2:').replace('next:', 'next2:');
  const lines = base.split('\n');
  let checked = 0;
  for (let i = 0; i < lines.length; i++) {
    for (const edit of [(l: string) => ` ${l}`, (l: string) => l.slice(1), (l: string) => `${l}: x`, (l: string) => `${l} #c`, (l: string) => l.replace(':', ''), () => '']) {
      const variant = [...lines.slice(0, i), edit(lines[i]!), ...lines.slice(i + 1)].join('\n');
      let want: unknown;
      try {
        want = parse(variant);
      } catch {
        want = Symbol('error');
      }
      const fast = parseSimpleYaml(variant);
      if (fast === undefined) continue;
      checked++;
      assert.equal(fast, want, `disagrees on:\n${variant}`);
    }
  }
  assert.ok(checked > 20, `only ${checked} variants stayed inside the subset`);
});

test.run();

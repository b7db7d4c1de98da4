import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { renderYaml, renderYamlDocuments } from './render-yaml.ts';

const test = suite('render-yaml');

test('strings YAML 1.1 would misread are quoted', () => {
  const value = { a: 'no', b: 'on', c: 'y', d: '1:20', e: '0777', f: 'yes', g: 'off', h: 'plain', i: '1e3', j: '~' };
  const out = renderYaml(value);
  assert.equal(parse(out, { version: '1.1' }), value);
  assert.ok(/a: "no"/.test(out), out);
  assert.ok(/h: plain/.test(out), out);
});

test('multi-document output and stable bytes', () => {
  const docs = [{ kind: 'A', x: [1, 2] }, { kind: 'B', y: { z: 'long '.repeat(40) } }];
  const out = renderYamlDocuments(docs);
  assert.is(out, renderYamlDocuments(docs));
  assert.is(out.split('---\n').length, 2);
  assert.ok(!out.includes('\n    long'), 'long strings must not fold');
});

test('a value used twice is written twice, without YAML anchors or aliases', () => {
  const all = ['*'];
  const out = renderYaml({ apiGroups: all, resources: all });
  assert.is(out, 'apiGroups:\n  - "*"\nresources:\n  - "*"\n');
});

test.run();

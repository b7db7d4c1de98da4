import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { COMMANDS } from './index.ts';
import { fakeIo } from '../fake-io.test-support.ts';
import { runCli } from '../run-cli.ts';

const test = suite('ork convert and ork migrate-storage');
const KATALOG = `apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata: {name: v}
spec:
  crds:
    app:
      apiTypes: {group: demo.example.com, version: v2, kind: App, plural: apps}
      versions:
        - {name: v1, schema: {type: object, properties: {size: {type: string}}}}
        - {name: v2, storage: true, schema: {type: object, properties: {replicas: {type: integer}}}}
      conversion:
        paths:
          - {from: v1, to: v2, spec: {replicas: "{{ .spec.size }}"}}
          - {from: v2, to: v1, spec: {size: "{{ .spec.replicas }}"}}
`;
// validate insists that every served version converts both ways (ORK1456); an unserved one may not (ORK1463, a warning).
const ONE_WAY = KATALOG.replace(/ {10}- \{from: v2[^\n]*\n/, '').replace('- {name: v1,', '- {name: v1, served: false,');
const CR = 'apiVersion: demo.example.com/v1\nkind: App\nmetadata: {name: a}\nspec: {size: "3"}\n---\napiVersion: demo.example.com/v1\nkind: App\nmetadata: {name: b}\nspec: {size: "5"}\n';
const run = (argv: string[], files: Record<string, string>, stdin?: string) => {
  const io = fakeIo(files, stdin);
  const code = runCli(argv, COMMANDS, io);
  return { code, out: io.out, err: io.err, handedOff: io.handedOff };
};

test('convert prints every document in the version asked for, typed by its schema', async () => {
  const r = await run(['convert', '-f', 'k.yaml', '--to', 'v2', 'cr.yaml'], { 'k.yaml': KATALOG, 'cr.yaml': CR });
  assert.is(r.code, 0, r.err);
  const docs = r.out.split('---\n').map((d) => parse(d) as { apiVersion: string; spec: unknown });
  assert.equal(docs.map((d) => [d.apiVersion, d.spec]), [['demo.example.com/v2', { replicas: 3 }], ['demo.example.com/v2', { replicas: 5 }]]);
});

test('convert reads standard input and writes JSON', async () => {
  const r = await run(['convert', '-f', 'k.yaml', '--to', 'demo.example.com/v2', '-o', 'json', '-'], { 'k.yaml': KATALOG }, 'apiVersion: demo.example.com/v1\nkind: App\nmetadata: {name: a}\nspec: {size: "3"}\n');
  assert.is(r.code, 0, r.err);
  assert.equal((JSON.parse(r.out) as { spec: unknown }).spec, { replicas: 3 });
});

test('a missing path exits 1 with the reason and the YAML to add, and prints nothing', async () => {
  const r = await run(['convert', '-f', 'k.yaml', '--to', 'v1', 'cr.yaml'], { 'k.yaml': ONE_WAY, 'cr.yaml': 'apiVersion: demo.example.com/v2\nkind: App\nmetadata: {name: a}\nspec: {replicas: 3}\n' });
  assert.is(r.code, 1);
  assert.is(r.out, '');
  assert.match(r.err, 'cr.yaml:1: ORK3200: App a: no conversion path from v2 to v1');
  assert.match(r.err, /hint: add to spec\.crds\.app\.conversion\.paths:\n {4}- from: v2\n {6}to: v1/);
  assert.not.match(r.err, /\bat .*\.js:\d+/);
});

test('objects of another kind and bad input are reported per document; usage errors exit 2', async () => {
  const r = await run(['convert', '-f', 'k.yaml', '--to', 'v2', 'cr.yaml'], { 'k.yaml': KATALOG, 'cr.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n---\nfoo: [\n' });
  assert.is(r.code, 1);
  assert.match(r.err, 'cr.yaml:1: ORK3202: ConfigMap of the core group is not a CRD of Katalog v');
  assert.match(r.err, 'cr.yaml:4: ORK3205');
  assert.is((await run(['convert', '-f', 'k.yaml', 'cr.yaml'], { 'k.yaml': KATALOG, 'cr.yaml': CR })).code, 2);
  assert.is((await run(['convert', '-f', 'k.yaml', '--to', 'v2'], { 'k.yaml': KATALOG })).code, 2);
});

test('migrate-storage hands over to the runtime with its arguments', async () => {
  const r = await run(['migrate-storage', '-f', 'k.yaml', '--crd', 'app'], { 'k.yaml': KATALOG });
  assert.is(r.code, 0, r.err);
  assert.equal(r.handedOff, { app: 'runtime', argv: ['migrate-storage', '-f', 'k.yaml', '--crd', 'app'] });
});

test.run();

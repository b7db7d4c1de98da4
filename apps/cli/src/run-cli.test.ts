import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { COMMANDS } from './commands/index.ts';
import { fakeIo } from './fake-io.test-support.ts';
import { runCli } from './run-cli.ts';
import { STARTER_CR, STARTER_KATALOG } from './starter.ts';

const test = suite('ork cli');
const WEBSITE = `apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata: {name: my-platform}
spec:
  crds:
    website:
      apiTypes: {group: demo.orkestra.io, version: v1alpha1, kind: Website, plural: websites}
      operatorBox:
        onCreate:
          deployments:
            - image: nginx
`;
const BROKEN = WEBSITE.replace('image: nginx', 'image: nginx\n              replica: 2');
const run = (argv: string[], files: Record<string, string> = {}, stdin?: string) => {
  const io = fakeIo(files, stdin);
  const code = runCli(argv, COMMANDS, io);
  return { code, out: io.out, err: io.err, files: io.files };
};

test('validate: valid Katalog exits 0 and says so', () => {
  const r = run(['validate', '-f', 'k.yaml'], { 'k.yaml': WEBSITE });
  assert.is(r.code, 0);
  assert.match(r.out, 'valid Katalog "my-platform" (1 CRD)');
});

test('validate: invalid Katalog exits 1 with file:line:col, code and hint, and no stack trace', () => {
  const r = run(['validate', '-f', 'k.yaml'], { 'k.yaml': BROKEN });
  assert.is(r.code, 1);
  assert.match(r.err, 'k.yaml:12:15: error ORK1100: spec.crds.website.operatorBox.onCreate.deployments[0].replica: unknown field "replica"');
  assert.match(r.err, 'hint: did you mean "replicas"?');
  assert.not.match(r.err, /\n\s+at /);
});

test('validate: -f - reads standard input (a cac trap: it treats a lone - as a flag)', () => {
  const r = run(['validate', '-f', '-'], {}, WEBSITE);
  assert.is(r.code, 0, r.err);
  assert.match(r.out, '<stdin>: valid Katalog');
  const bad = run(['validate', '-f', '-'], {}, BROKEN);
  assert.is(bad.code, 1);
  assert.match(bad.err, '<stdin>:12:15: error ORK1100');
});

test('validate -o json gives diagnostics as data', () => {
  const r = run(['validate', '-f', 'k.yaml', '-o', 'json'], { 'k.yaml': BROKEN });
  assert.is(r.code, 1);
  const data = JSON.parse(r.out) as { valid: boolean; diagnostics: { code: string; line: number; column: number }[] };
  assert.is(data.valid, false);
  assert.equal(data.diagnostics.map((d) => [d.code, d.line, d.column]), [['ORK1100', 12, 15]]);
});

test('validate --full prints every rule with its reason; -o json carries the report', () => {
  const r = run(['validate', '--full', '-f', 'k.yaml'], { 'k.yaml': WEBSITE });
  assert.is(r.code, 0, r.err);
  assert.match(r.out, /apps\s+deployments\s+list watch create patch\s+← website onCreate.deployments/);
  assert.match(r.out, 'startup order');
  assert.match(r.out, 'installer must hold');
  const json = run(['validate', '--full', '-f', 'k.yaml', '-o', 'json'], { 'k.yaml': WEBSITE });
  const data = JSON.parse(json.out) as { report: { katalog: { name: string } } };
  assert.is(data.report.katalog.name, 'my-platform');
});

test('missing Katalog file is a usage error: exit 2, one line and a hint', () => {
  const r = run(['validate']);
  assert.is(r.code, 2);
  assert.match(r.err, 'ork: error: cannot read Katalog: katalog.yaml: no such file');
  assert.match(r.err, 'hint: pass -f FILE, or run "ork init"');
});

test('unknown command exits 2 with a suggestion (cac would exit 0 silently)', () => {
  const r = run(['valdate']);
  assert.is(r.code, 2);
  assert.match(r.err, 'unknown command "valdate"');
  assert.match(r.err, 'did you mean "ork validate"?');
});

test('unknown flag exits 2 with a suggestion', () => {
  const r = run(['validate', '--ful', '-f', 'k.yaml'], { 'k.yaml': WEBSITE });
  assert.is(r.code, 2);
  assert.match(r.err, 'unknown flag --ful');
  assert.match(r.err, 'did you mean --full?');
});

test('generate has two levels (cac has one): generate crd, and a wrong target is a usage error', () => {
  const crd = run(['generate', 'crd', '-f', 'k.yaml'], { 'k.yaml': WEBSITE });
  assert.is(crd.code, 0, crd.err);
  assert.is((parse(crd.out) as { metadata: { name: string } }).metadata.name, 'websites.demo.orkestra.io');
  const bad = run(['generate', 'crds', '-f', 'k.yaml'], { 'k.yaml': WEBSITE });
  assert.is(bad.code, 2);
  assert.match(bad.err, 'did you mean "ork generate crd"?');
  assert.is(run(['generate']).code, 2);
});

test('-n keeps the namespace as typed: 0123 is not turned into 123 (a cac trap)', () => {
  const r = run(['generate', 'bundle', '-f', 'k.yaml', '-n', '0123'], { 'k.yaml': WEBSITE });
  assert.is(r.code, 0, r.err);
  assert.match(r.out, 'namespace: "0123"');
  assert.not.match(r.out, 'namespace: 123\n');
});

test('generate bundle -o FILE writes the file and reports it on stderr', () => {
  const r = run(['generate', 'bundle', '-f', 'k.yaml', '-o', 'out/bundle.yaml'], { 'k.yaml': WEBSITE });
  assert.is(r.code, 0, r.err);
  assert.is(r.out, '');
  assert.match(r.err, 'to out/bundle.yaml');
  assert.match(r.files.get('out/bundle.yaml')!, 'kind: ClusterRole');
});

test('generate bundle -o json is a v1 List', () => {
  const r = run(['generate', 'bundle', '-f', 'k.yaml', '-o', 'json'], { 'k.yaml': WEBSITE });
  const list = JSON.parse(r.out) as { kind: string; items: { kind: string }[] };
  assert.is(list.kind, 'List');
  assert.ok(list.items.some((i) => i.kind === 'ConfigMap'));
});

test('generate bundle --for rejects unknown components', () => {
  const r = run(['generate', 'bundle', '-f', 'k.yaml', '--for', 'runtime,dashboard'], { 'k.yaml': WEBSITE });
  assert.is(r.code, 2);
  assert.match(r.err, 'unknown component "dashboard"');
});

test('generate on an invalid Katalog writes nothing and exits 1', () => {
  const r = run(['generate', 'bundle', '-f', 'k.yaml', '-o', 'bundle.yaml'], { 'k.yaml': BROKEN, 'bundle.yaml': 'previous\n' });
  assert.is(r.code, 1);
  assert.is(r.files.get('bundle.yaml'), 'previous\n');
});

test('generate schema prints a JSON Schema', () => {
  const r = run(['generate', 'schema']);
  assert.is(r.code, 0);
  assert.is((JSON.parse(r.out) as { $schema: string }).$schema, 'http://json-schema.org/draft-07/schema#');
});

test('init writes a starter that validate accepts, and refuses to overwrite', () => {
  const r = run(['init', 'demo']);
  assert.is(r.code, 0, r.err);
  const files = Object.fromEntries(r.files);
  assert.is(files['demo/katalog.yaml'], STARTER_KATALOG);
  assert.is(files['demo/cr.yaml'], STARTER_CR);
  assert.match(files['demo/crd.yaml']!, 'name: websites.demo.orkestra.io');
  const v = run(['validate', '-f', 'demo/katalog.yaml'], files);
  assert.is(v.code, 0, v.err);
  const again = runCli(['init', 'demo'], COMMANDS, fakeIo(files));
  assert.is(again, 2);
});

test('version text and json', () => {
  assert.match(run(['version']).out, 'ork 1.2.3 (commit abc123, node v20.20.2, linux/x64)');
  assert.equal(JSON.parse(run(['version', '-o', 'json']).out), { version: '1.2.3', commit: 'abc123', node: 'v20.20.2', platform: 'linux/x64' });
  assert.is(run(['version', '-o', 'xml']).code, 2);
});

test('--help works on every command and lists options', () => {
  const top = run(['--help']);
  assert.is(top.code, 0);
  for (const c of COMMANDS) {
    assert.match(top.out, c.name.split(' ')[0]!);
    const h = run([...c.name.split(' '), '--help']);
    assert.is(h.code, 0, c.name);
    assert.match(h.out, 'Usage:');
    for (const o of c.options) assert.match(h.out, `--${o.name}`, `${c.name} help lacks --${o.name}`);
  }
  assert.is(run([]).code, 2);
});

test.run();

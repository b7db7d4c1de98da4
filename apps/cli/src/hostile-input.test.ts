// Issue 12, CLI and parser findings 14-18, end to end through `ork validate` (finding 13, the
// byte cap on streams, is tested on the real reader in adapters/src/fs/read-text-file.test.ts).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { COMMANDS } from './commands/index.ts';
import { fakeIo } from './fake-io.test-support.ts';
import { runCli } from './run-cli.ts';

const test = suite('ork validate on hostile input');
const HEAD = 'apiVersion: orkestra.orkspace.io/v1\nkind: Katalog\nmetadata: {name: x}\n';

function validate(text: string, extra: string[] = []) {
  const io = fakeIo({ 'k.yaml': text });
  const code = runCli(['validate', '-f', 'k.yaml', ...extra], COMMANDS, io);
  return { code, out: io.out, err: io.err };
}

// 1 MB of deterministic "binary garbage" (a linear congruential generator, not Math.random).
function garbage(bytes: number): string {
  let seed = 12345;
  const codes = Array.from({ length: bytes }, () => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return seed >>> 24;
  });
  return Buffer.from(codes).toString('utf8');
}

test('finding 14: 10,000 levels of flow nesting is a positioned ORK1012, exit 1, no internal error', () => {
  const r = validate(`${HEAD}spec: {crds: {a: ${'['.repeat(10_000)}${']'.repeat(10_000)}}}\n`);
  assert.is(r.code, 1);
  assert.match(r.err, 'k.yaml:4:115: error ORK1012: mappings and sequences are nested more than 100 levels deep here');
  assert.not.match(r.err, 'internal error');
});

test('finding 15: 1 MB of binary garbage gives at most 50 diagnostics and "and M more", in bounded output', () => {
  const r = validate(garbage(1_000_000));
  assert.is(r.code, 1);
  assert.ok(r.err.length < 64 * 1024, `stderr is ${r.err.length} characters`);
  assert.is((r.err.match(/: error ORK/g) ?? []).length, 50);
  assert.match(r.err, /\.\.\. and \d+ more diagnostics \(the first 50 are shown\)\n/);
  const json = validate(garbage(1_000_000), ['-o', 'json']);
  assert.ok(json.out.length < 128 * 1024, `JSON is ${json.out.length} characters`);
  const data = JSON.parse(json.out) as { diagnostics: unknown[]; omittedDiagnostics: number };
  assert.is(data.diagnostics.length, 50);
  assert.ok(data.omittedDiagnostics > 0);
});

test('finding 16: ANSI escapes and BEL in names and keys are escaped, never written raw', () => {
  const r = validate(`${HEAD}spec:\n  crds:\n    "bad\\e[31mRED\\a":\n      apiTypes: {group: a.example.com, version: v1, kind: A, plural: as}\n  "un\\e[2Jkey": 1\n`);
  assert.is(r.code, 1);
  assert.not.match(r.err, /[\x07\x1b]/);
  assert.match(r.err, 'spec.crds.bad\\x1b[31mRED\\x07');
  assert.match(r.err, 'unknown field "un\\x1b[2Jkey"');
  const missing = fakeIo({});
  runCli(['validate', '-f', 'evil\x1b]0;owned\x07.yaml'], COMMANDS, missing);
  assert.not.match(missing.err, /[\x07\x1b]/);
});

test('finding 17: CRDs named constructor and prototype are kept (CRDs and RBAC); __proto__ and toString are refused', () => {
  const crd = (key: string, kind: string, plural: string) => `    ${key}:\n      apiTypes: {group: p.example.com, version: v1, kind: ${kind}, plural: ${plural}}\n`;
  const ok = `${HEAD}spec:\n  crds:\n${crd('constructor', 'Constructor', 'constructors')}${crd('prototype', 'Prototype', 'prototypes')}`;
  assert.match(validate(ok).out, 'valid Katalog "x" (2 CRDs)');
  const io = fakeIo({ 'k.yaml': ok });
  assert.is(runCli(['generate', 'bundle', '-f', 'k.yaml'], COMMANDS, io), 0);
  for (const name of ['constructors.p.example.com', '- constructors/status', '- prototypes/status']) assert.match(io.out, name);
  const bad = validate(`${HEAD}spec:\n  crds:\n${crd('__proto__', 'Proto', 'protos')}${crd('toString', 'ToString', 'tostrings')}`);
  assert.is(bad.code, 1);
  assert.match(bad.err, 'k.yaml:6:5: error ORK1104: spec.crds.__proto__');
  assert.match(bad.err, 'k.yaml:8:5: error ORK1104: spec.crds.toString');
});

test('finding 18: literal names over the limits fail validate with their positions', () => {
  const r = validate(`${HEAD}spec:
  crds:
    web:
      apiTypes: {group: demo.example.com, version: v1, kind: Web, plural: webs}
      operatorBox:
        onCreate:
          services:
            - {name: ${'s'.repeat(70)}, port: 80}
          configMaps:
            - {name: ${'c'.repeat(260)}, data: {a: b}}
          deployments:
            - {image: nginx, labels: {tier: ${'v'.repeat(70)}}}
`);
  assert.is(r.code, 1);
  assert.match(r.err, 'is 70 characters, more than the 63 a Service name may have');
  assert.match(r.err, 'is 260 characters, more than the 253 a ConfigMap name may have');
  assert.match(r.err, 'is 70 characters, more than the 63 Kubernetes allows');
  assert.is((r.err.match(/error ORK1114/g) ?? []).length, 3);
});

test.run();

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Katalog } from '@orkestra/lib';
import { runApp, runPlainApp, type AppSpec } from './run-app.ts';

const test = suite('runApp');

function harness(parseError?: string) {
  const said: string[] = [];
  const errors: string[] = [];
  const served: { config: { katalogPath?: string }; katalog: Katalog }[] = [];
  const spec: AppSpec<{ katalogPath?: string }> = {
    program: 'ork-test', verb: 'run', version: '9.9.9',
    parseConfig: (env) => (parseError ? { type: 'error', message: parseError } : { type: 'ok', config: env['KATALOG_PATH'] ? { katalogPath: env['KATALOG_PATH'] } : {} }),
    serve: async (config, katalog) => void served.push({ config, katalog }),
    exit2: (m) => void errors.push(m),
  };
  return { said, errors, served, run: (argv: string[], env: Record<string, string> = {}) => runApp(argv, env, (t) => void said.push(t), spec) };
}

test('version prints the program and version, and serves nothing', async () => {
  const h = harness();
  await h.run(['version']);
  assert.match(h.said.join(''), /^ork-test 9\.9\.9 \(node v\d+/);
  assert.is(h.served.length, 0);
});

test('a usage error, a bad configuration and a missing Katalog each end in one exit-2 line', async () => {
  const h = harness();
  await h.run(['gate']);
  await h.run(['run']);
  await h.run(['run', '-f', '/nonexistent/katalog.yaml']);
  assert.equal(h.errors, [
    'unknown command "gate"\nusage: ork-test run [-f FILE] | version',
    'no Katalog: pass -f FILE or set KATALOG_PATH',
    'cannot read Katalog /nonexistent/katalog.yaml: no such file',
  ]);
  const bad = harness('DEFAULT_RESYNC: must be a duration');
  await bad.run(['run', '-f', 'examples/website/katalog.yaml']);
  assert.equal(bad.errors, ['DEFAULT_RESYNC: must be a duration']);
  assert.is(h.served.length + bad.served.length, 0);
});

test('without -f, KATALOG_PATH names the Katalog', async () => {
  const h = harness();
  await h.run(['run'], { KATALOG_PATH: 'examples/website/katalog.yaml' });
  assert.is(h.served.length, 1);
  assert.is(h.served[0]!.katalog.file, 'examples/website/katalog.yaml');
});

test('an app without a Katalog serves with its configuration alone, and refuses -f', async () => {
  const served: string[] = [];
  const errors: string[] = [];
  const said: string[] = [];
  const spec = {
    program: 'ork-plain', verb: 'serve', version: '1.0.0',
    parseConfig: (env: Readonly<Record<string, string | undefined>>) => (env['BAD'] ? { type: 'error' as const, message: 'BAD: no' } : { type: 'ok' as const, config: env['X'] ?? 'none' }),
    serve: async (config: string) => void served.push(config),
    exit2: (m: string) => void errors.push(m),
  };
  await runPlainApp(['serve'], { X: 'x' }, (t) => void said.push(t), spec);
  await runPlainApp(['serve', '-f', 'k.yaml'], {}, (t) => void said.push(t), spec);
  await runPlainApp(['serve'], { BAD: '1' }, (t) => void said.push(t), spec);
  await runPlainApp(['version'], {}, (t) => void said.push(t), spec);
  assert.equal(served, ['x']);
  assert.equal(errors, ['unknown argument "-f"\nusage: ork-plain serve | version', 'BAD: no']);
  assert.match(said.join(''), /^ork-plain 1\.0\.0 \(node v/);
});

test.run();
